package dev.vecnn.bench;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One full training step of the dropout notebook's net: 3072 -> 500 -> 10, batch 100, keep
 * probability 0.25, float32, Adam (lr 5e-4): forward, softmax loss, backward, and the Adam update
 * of every parameter; without normalization, with batchnorm and with layernorm (gamma1/beta1
 * then train too). The gradients go into buffers the benchmark owns ({@code lossInto}, as the
 * Solver calls it). The same step in numpy is bench/train_step_numpy.py ({@code --norm}).
 *
 * <pre>
 *   mvn -q -f bench/pom.xml package
 *   java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar TrainStep -f 1 -prof gc
 * </pre>
 *
 * <p>Warm-up: 12 iterations of 1 s. With either mask source the step allocates ~20 KB (Vector
 * API fallbacks in code not yet compiled by C2) until about 8 s into the fork, then ~0.6 KB
 * (NUMPY) / ~0.95 KB (COUNTER) per step, on JDK 17 and 25 (2-core Zen 3, {@code -wi 0 -i 20}).
 * A shorter warm-up (-wi 3) measures the JIT, not the step.
 *
 * <p>The net trains on one batch over and over, so it fits it within about 100 steps (loss 0.16
 * at step 50, ~1e-6 at 100, as in numpy's twin) and its gradients get tiny: at step 50 a sixth of
 * dW1 was below 1e-15. The measured steps are those of a fitted net; their Adam update squares
 * gradients that underflow (bench/README, "Tiny gradients").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBench {
    /** Dropout masks: the assignment's numpy stream, or the counter-based generator. */
    @Param({"NUMPY", "COUNTER"})
    String masks;

    /** Normalization between the affine layer and the ReLU (the same engine runs all three). */
    @Param({"NONE", "BATCHNORM", "LAYERNORM"})
    String normalization;

    FullyConnectedNet model;
    Tensor x;
    int[] y;
    Tensor[] params;
    String[] names;
    OptimConfig[] configs;
    /** The step's gradient buffers, owned here and filled by lossInto (the Solver's form). */
    Map<String, Tensor> grads = new java.util.HashMap<>();

    @Setup
    public void setup() {
        NumpyRandom.seed(231);
        model = FullyConnectedNet.builder(500).dropout(0.25).maskSource(MaskSource.valueOf(masks))
                .normalization(Normalization.valueOf(normalization)).build();
        NumpyRandom data = new NumpyRandom(1);
        double[] xs = data.randn(100, 3072);
        float[] xf = new float[xs.length];
        for (int i = 0; i < xs.length; i++) xf[i] = (float) (xs[i] * 60); // CIFAR-like scale after mean subtraction
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

    @Benchmark
    public double step() {
        double loss = model.lossInto(x, y, grads);
        for (int i = 0; i < params.length; i++) {
            Optim.ADAM.update(params[i], grads.get(names[i]), configs[i]);
        }
        return loss;
    }
}
