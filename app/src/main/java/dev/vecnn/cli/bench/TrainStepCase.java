package dev.vecnn.cli.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.MaskSource;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One training step of the dropout notebook's net (3072 to 500 to 10, batch 100, keep 0.25,
 * float32, Adam), as bench/'s JMH TrainStepBench: forward, loss, backward, update. The kernels
 * are chosen once per JVM, so the scalar twin of the whole step runs in a child JVM started with
 * the same flags plus {@code -Dvecnn.simd=false} ({@link #main}); it prints its median and best.
 */
public final class TrainStepCase {
    /** GEMM flops of one step: forward of both layers, dW1, dW2 and dH (no dX for the input). */
    static final double FLOPS = 2 * (2.0 * 100 * 3072 * 500) + 3 * (2.0 * 100 * 500 * 10);

    private final FullyConnectedNet model;
    private final Tensor x;
    private final int[] y;
    private final Tensor[] params;
    private final String[] names;
    private final OptimConfig[] configs;
    private final Map<String, Tensor> grads = new HashMap<>();

    TrainStepCase() {
        NumpyRandom.seed(231);
        model = FullyConnectedNet.builder(500).dropout(0.25).maskSource(MaskSource.COUNTER).build();
        NumpyRandom data = new NumpyRandom(1);
        double[] xs = data.randn(100, 3072);
        float[] xf = new float[xs.length];
        for (int i = 0; i < xs.length; i++) xf[i] = (float) (xs[i] * 60);
        x = Tensor.of(xf, 100, 3072);
        y = new int[100];
        data.randint(0, 10, y, 0, 100);
        Map<String, Tensor> p = model.params();
        names = p.keySet().toArray(new String[0]);
        params = new Tensor[names.length];
        configs = new OptimConfig[names.length];
        for (int i = 0; i < names.length; i++) {
            params[i] = p.get(names[i]);
            configs[i] = new OptimConfig().set("learning_rate", 5e-4);
            grads.put(names[i], params[i].zerosLike());
        }
    }

    double step() {
        double loss = model.lossInto(x, y, grads);
        for (int i = 0; i < params.length; i++) {
            Optim.ADAM.update(params[i], grads.get(names[i]), configs[i]);
        }
        return loss;
    }

    static Row measure(Harness.Budget budget, int threads) {
        TrainStepCase c = new TrainStepCase();
        double first = c.step();
        if (!Double.isFinite(first) || first <= 0) {
            throw new IllegalStateException("training step: first loss " + first + ", expected a positive number");
        }
        Harness.Timing t = Harness.measure(c::step, budget, Harness.clockFor(threads));
        return row(VectorSupport.simdEnabled() ? "simd" : "scalar", threads, t.medianSeconds(), t.bestSeconds());
    }

    /** W1 read, written and its gradient written; the batch read twice (bytes for the roofline). */
    static Row row(String impl, int threads, double median, double best) {
        return new Row("train", "train step 100x3072->500->10", impl, "float32", threads, FLOPS,
                4.0 * (3.0 * 3072 * 500 + 2.0 * 100 * 3072), median, best);
    }

    /**
     * The scalar step in a child JVM (this JVM's flags, {@code -Dvecnn.simd=false}); null with
     * a reason in {@code why[0]} when it cannot be started.
     */
    static Row measureScalarInChild(boolean quick, int threads, String[] why) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) {
            why[0] = "cannot tell which java runs this JVM";
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Dvecnn.stderr") && !a.startsWith("-Dvecnn.simd") && !a.startsWith("-agentlib")
                    && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dvecnn.simd=false");
        cmd.add("-Dvecnn.threads=" + threads);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainStepCase.class.getName());
        cmd.add(quick ? "quick" : "full");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            why[0] = "the child JVM took more than 2 minutes";
            return null;
        }
        if (p.exitValue() != 0 || line == null || !line.startsWith("step ")) {
            why[0] = "the child JVM failed (exit " + p.exitValue() + ")";
            return null;
        }
        String[] parts = line.split(" ");
        return row("scalar", threads, Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    }

    /** Child JVM: times the step with the kernels this JVM chose and prints "step MEDIAN BEST". */
    public static void main(String[] args) {
        Harness.Budget budget = args.length > 0 && args[0].equals("full") ? Harness.Budget.FULL : Harness.Budget.QUICK;
        TrainStepCase c = new TrainStepCase();
        Harness.Timing t = Harness.measure(c::step, budget, Harness.clockFor(dev.vecnn.kernels.Parallel.threads()));
        System.out.println("step " + t.medianSeconds() + " " + t.bestSeconds());
    }
}
