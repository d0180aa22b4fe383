package dev.vecnn.cli;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.optim.UpdateRule;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.plot.Plot;
import dev.vecnn.tensor.Tensor;
import dev.vecnn.train.TrainSpec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms the JVM up on a spare core while the data loads (reading CIFAR-10 from the .tar.gz keeps
 * one core busy inflating), in order: trains throwaway nets like the run's on a narrow input
 * ({@value #QUICK_INPUT} features: every kernel of a step, cheaply), runs the caller's task if any
 * (the experiment's start-state search, on the now compiled kernels), draws a small figure
 * (Java2D and its fonts start once, ~0.3 s), then trains on an input just over one depth block
 * (hidden layers at 40 units, 20-row batches, random inputs, with and without dropout), so the
 * kernels are compiled before the real nets start. Until C2 has compiled a Vector API kernel every vector
 * operation is a call into Java fallback code, ~100x slower than compiled: a JFR profile of
 * {@code vecnn experiment --threads 1} without warm-up spent the first ~5 s of ~11 s of training
 * there. So the steps are made cheap (each kernel's compile thresholds are reached in as few
 * slow vector operations as possible) while covering the same code paths (full and ragged
 * tiles, two depth blocks) as the real shapes. Small steps also let {@link #stop()} return soon
 * after it is called. It runs whatever the kernel thread count when the machine has a second
 * core: the JIT compiles on its own threads anyway.
 *
 * <p>It changes nothing the run computes: its nets and inputs draw from their own NumpyRandom,
 * it runs its kernels on its own thread
 * ({@link Parallel#callSerially}), and owns its net, data and optimizer state. {@link #stop()}
 * asks it to finish its current step and waits for it. {@code -Dvecnn.warmup=false} turns it off
 * (for measuring what it is worth).
 */
final class Warmup {
    /**
     * Widest hidden layer of the throwaway net: one full register tile and a ragged edge at every
     * vector width (40 = 32 + 8 = 2 * 16 + 8), so the edge paths are compiled too.
     */
    private static final int MAX_HIDDEN = 40;
    /**
     * Widest input: just over one depth block, so the products take the second-block path (C +=)
     * as the real first layer does, at a sixth of a 3072-wide input's cost per step.
     */
    private static final int MAX_INPUT = dev.vecnn.kernels.GemmShape.KC + 8;
    /**
     * Input of the first, quick phase: every kernel and epilogue of a step, on products 20x
     * cheaper than at {@link #MAX_INPUT}, so while they are still uncompiled (Java fallbacks) each
     * step is short and every kernel reaches the JIT's thresholds at about the same time. At
     * {@link #MAX_INPUT} from the start, the first layer's uncompiled products took most of each
     * step, and the optimizer, the epilogues and the output layer's kernels were still
     * uncompiled when the real nets started (JFR: their Java fallbacks allocated ~0.3 GB there).
     * 24 features keep the weight gradient ({@code features x hidden}) on the blocked kernels.
     */
    private static final int QUICK_INPUT = 24;
    /**
     * Step budget of the quick phase. It ends sooner when its steps run at compiled speed or when
     * the data is in ({@link #stop()}); on a 2-core Zen 5 the data usually came first.
     */
    private static final int QUICK_MAX_STEPS = 400;
    /** Rows per warm-up batch: two full 8-row tiles and a ragged 4-row edge, as 100 rows have. */
    static final int ROWS = 20;

    /** How long {@link #stop()} waits at most for the kernels to be compiled. */
    private static final long MAX_WAIT_NANOS = 1_500_000_000L;
    /** Consecutive steps at compiled speed after which the kernels count as compiled. */
    private static final int COMPILED_STEPS = 4;

    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile long stopDeadline;
    /** Consecutive steps that ran at compiled speed (see {@link #train}). */
    private int fastSteps;
    private volatile int steps;

    private Warmup(TrainSpec spec, int inputDim, int rows, Runnable afterKernels) {
        thread = new Thread(() -> run(spec, inputDim, rows, afterKernels), "vecnn-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts warming up for nets like {@code spec} on {@code rows}-row batches of {@code inputDim} features. */
    static Warmup start(TrainSpec spec, int inputDim, int rows) {
        return start(spec, inputDim, rows, null);
    }

    /**
     * As {@link #start(TrainSpec, int, int)}, and runs {@code afterKernels} (if not null) on the
     * warm-up's thread once the quick phase has compiled the kernels, before the rest: work that
     * runs the same kernels and should run compiled (the experiment's stand-in runs).
     */
    static Warmup start(TrainSpec spec, int inputDim, int rows, Runnable afterKernels) {
        Warmup w = new Warmup(spec, inputDim, rows, afterKernels);
        w.thread.start();
        return w;
    }

    /** Training steps done so far. */
    int steps() {
        return steps;
    }

    /**
     * Stops once the kernels run at compiled speed (a few steps in a row), or after the current
     * step when they already do, waiting at most {@value #MAX_WAIT_NANOS} ns for the JIT: the real
     * nets then start on compiled kernels instead of running their first, big products as Java
     * fallbacks. Returns the number of training steps done.
     */
    int stop() throws InterruptedException {
        stopDeadline = System.nanoTime() + MAX_WAIT_NANOS;
        stopRequested = true;
        thread.join();
        return steps;
    }

    private void run(TrainSpec spec, int inputDim, int rows, Runnable afterKernels) {
        try {
            Parallel.callSerially(() -> {
                // first every kernel, on a narrow input (cheap steps while they are uncompiled)
                train(spec, Math.min(inputDim, QUICK_INPUT), rows, new NumpyRandom(0), true);
                return null;
            });
        } catch (Exception e) {
            // a warm-up that cannot run only means a slower start
        }
        if (afterKernels != null) afterKernels.run();
        try {
            drawFigure();
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            // no fonts or no Java2D: the plots will say so themselves
        }
        try {
            Parallel.callSerially(() -> {
                train(spec, Math.min(inputDim, MAX_INPUT), rows, new NumpyRandom(0), false);
                return null;
            });
        } catch (Exception e) {
            // a warm-up that cannot run only means a slower start
        }
    }

    private static void drawFigure() throws java.io.IOException {
        Plot.Panel panel = new Plot.Panel("warm-up", "x", "y");
        panel.add(Plot.Series.indexed("warm-up", new double[] {0.1, 0.3, 0.2}, true, true));
        BufferedImage img = Plot.render(List.of(panel), 200, 120);
        dev.vecnn.plot.Png.write(img, new ByteArrayOutputStream());
    }

    /**
     * Trains throwaway nets until {@link #done()}, or with {@code quick} until the steps run at
     * compiled speed (or after {@value #QUICK_MAX_STEPS} steps, or when stopped).
     */
    private void train(TrainSpec spec, int inputDim, int rows, NumpyRandom rng, boolean quick) {
        double[] keeps = {1.0, spec.keepProb() < 1 ? spec.keepProb() : 0.5};
        FullyConnectedNet[] nets = new FullyConnectedNet[keeps.length];
        List<Map<String, OptimConfig>> configs = new java.util.ArrayList<>();
        for (int i = 0; i < keeps.length; i++) {
            // narrower hidden layers: the same code paths (and JIT thresholds) at a fraction of
            // the work, so a step ends soon after stop() is called
            int[] hidden = spec.hiddenDims();
            for (int h = 0; h < hidden.length; h++) hidden[h] = Math.min(hidden[h], MAX_HIDDEN);
            nets[i] = spec.toBuilder().keepProb(keeps[i]).hiddenDims(hidden).build().buildNet(inputDim, 10, rng);
            configs.add(new HashMap<>());
        }
        Tensor x = Tensor.zeros(spec.dtype(), rows, inputDim);
        for (int i = 0; i < x.size(); i++) x.set(i, rng.standardNormal() * 60);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = i % 10;
        UpdateRule rule = Optim.byName(spec.updateRule());
        List<Map<String, Tensor>> gradBuffers = new java.util.ArrayList<>();
        for (FullyConnectedNet net : nets) {
            Map<String, Tensor> g = new HashMap<>();
            net.params().forEach((name, t) -> g.put(name, t.zerosLike()));
            gradBuffers.add(g);
        }
        // A step's flops: at 1 GFLOP per CPU-second or more it ran compiled (C2's vector code, or
        // the scalar twins compiled); the Vector API's fallbacks run at a few percent of that.
        double stepFlops = Arithmetic.runFlops(x.rowLength(), nets[0].hiddenDims(), 10, 1, rows, 1, rows);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        fastSteps = 0;
        for (int step = 0; quick ? !quickDone(step) : !done(); step++) {
            long cpu0 = cpu.getCurrentThreadCpuTime();
            FullyConnectedNet net = nets[step % nets.length];
            Map<String, OptimConfig> netConfigs = configs.get(step % nets.length);
            Map<String, Tensor> grads = gradBuffers.get(step % nets.length);
            net.lossInto(x, labels, grads);
            for (Map.Entry<String, Tensor> p : net.params().entrySet()) {
                OptimConfig c = netConfigs.computeIfAbsent(p.getKey(),
                        k -> OptimConfig.of(Map.of("learning_rate", spec.learningRate())));
                rule.update(p.getValue(), grads.get(p.getKey()), c);
            }
            net.loss(x); // the accuracy checks' test-mode path
            long used = cpu.getCurrentThreadCpuTime() - cpu0;
            fastSteps = cpu0 >= 0 && used <= stepFlops ? fastSteps + 1 : 0; // ns <= flops: >= 1 GFLOP/s
            steps++;
        }
    }

    /** The quick phase ends when its steps run compiled, after its step budget, or on stop(). */
    private boolean quickDone(int step) {
        return fastSteps >= COMPILED_STEPS || step >= QUICK_MAX_STEPS || stopRequested || !cpuClockReadable();
    }

    /** After stop(): when the kernels run compiled, or the wait is over, or the CPU clock is not readable. */
    private boolean done() {
        return stopRequested && (fastSteps >= COMPILED_STEPS || System.nanoTime() - stopDeadline > 0
                || !cpuClockReadable());
    }

    /** Whether this thread's CPU clock can be read (the compiled-speed test needs it). */
    private static boolean cpuClockReadable() {
        return java.lang.management.ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported();
    }
}
