package dev.vecnn.cli;

import dev.vecnn.cli.bench.PeakProbe;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.optim.UpdateRule;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.plot.Plot;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import dev.vecnn.train.TrainSpec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms the JVM up on a spare core while the data loads (reading CIFAR-10 from the .tar.gz keeps
 * one core busy inflating), in phases, each training throwaway nets like the run's (random
 * inputs, with and without dropout, the test-mode forward pass after every step):
 * <ol>
 *   <li><b>quick</b>: {@value #QUICK_INPUT} features, hidden layers of at most {@value
 *   #MAX_HIDDEN} units, {@value #ROWS}-row batches: every kernel of a step, cheaply;</li>
 *   <li>the caller's task if any (the experiment's start-state search, on compiled kernels:
 *   the run needs its result, so it comes before the rest);</li>
 *   <li><b>two blocks</b>: the quick phase's nets on an input just over one depth block ({@code
 *   KC + 8} features), so the products take their second-block paths ({@code C += acc}, edges
 *   added to C) as the real first layer does; then a small figure (Java2D and its fonts start
 *   once, ~0.3 s) and the FMA loop the run's peak probe times after the runs ({@link
 *   PeakProbe#warmUp}, ~30 ms);</li>
 *   <li><b>full</b>: the two-block input with the real hidden layers, the run's batch size and
 *   its accuracy checks' batch size, until stopped.</li>
 * </ol>
 * Until C2 has compiled a Vector API kernel every vector operation is a call into Java fallback
 * code, ~100x slower than compiled: a JFR profile of {@code vecnn experiment --threads 1} without
 * warm-up spent the first ~5 s of ~11 s of training there. And a kernel C2 compiled from a
 * profile that never took a branch drops its compiled code the first time it does (an
 * "unstable_if" deoptimization) and runs as fallback until C2 has compiled it again; a loop
 * whose trip counts differ from the profiled ones does the same ("profile_predicate"). When the
 * only two-block steps came last, the data often arrived first and they never ran: JFR (Zen 5,
 * {@code vecnn experiment}) then showed the in-place micro-kernel deoptimized at the real nets'
 * first step and both nets in its fallback for ~0.5 s, and the epilogues recompiling for their
 * 500-unit rows during the first second of training. So each phase covers the paths of the next
 * at the lowest cost: cheap steps while the kernels are uncompiled, the real sizes only once
 * they are compiled. It runs whatever the kernel thread count when the machine has a second
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
    /** Rows per batch of the narrow phases: two full 8-row tiles and a ragged 4-row edge, as 100 rows have. */
    static final int ROWS = 20;
    /**
     * Step budget of the two-block phase. Its first steps meet the second-block paths that the
     * kernels C2 compiled in the quick phase have never run: each such kernel drops its compiled
     * code, runs as Java fallback until C2 has compiled it again (on the run's nets, that cost
     * both cores ~0.5-1 s of their training: JFR, Zen 5), and the phase ends a few steps later.
     */
    private static final int TWO_BLOCK_MAX_STEPS = 400;
    /**
     * Most rows of the last phase's test-mode batches: more than two row blocks of the GEMM's
     * packed A (144 float or 72 double rows, {@code GemmShape}), so the row-block loop runs as in
     * the run's 500- and 1000-row checks, at a third of a 1000-row batch's cost per step.
     */
    private static final int MAX_EVAL_ROWS = 300;
    /** Time budget of the two-block phase (on a loaded machine C2 may take long to compile). */
    private static final long TWO_BLOCK_MAX_NANOS = 2_000_000_000L;
    /**
     * Steps the last phase runs at least (when the wait allows): the per-row kernels (the dropout
     * epilogues) reach C2's thresholds only after ~600 calls of a 500-unit row, about six steps of
     * each net; at 20 rows of 40 units they had not, and ran C1's code (vector operations as Java
     * fallback calls) during the real nets' first second (JFR, Zen 5).
     */
    private static final int FULL_MIN_STEPS = 24;

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
    /** The phases begun so far, each as "NAME input=N hidden=[..] rows=N eval=N" (for tests). */
    private final List<String> phasesBegun = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Warmup(TrainSpec spec, int inputDim, int rows, int evalRows, Runnable afterKernels) {
        thread = new Thread(() -> run(spec, inputDim, rows, evalRows, afterKernels), "vecnn-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts warming up for nets like {@code spec} trained on {@code rows}-row batches of {@code
     * inputDim} features and checked on {@code evalRows}-row batches.
     */
    static Warmup start(TrainSpec spec, int inputDim, int rows, int evalRows) {
        return start(spec, inputDim, rows, evalRows, null);
    }

    /**
     * As {@link #start(TrainSpec, int, int, int)}, and runs {@code afterKernels} (if not null) on
     * the warm-up's thread once the kernels are compiled, before the rest: work that runs the same
     * kernels and should run compiled (the experiment's stand-in runs).
     */
    static Warmup start(TrainSpec spec, int inputDim, int rows, int evalRows, Runnable afterKernels) {
        Warmup w = new Warmup(spec, inputDim, rows, evalRows, afterKernels);
        w.thread.start();
        return w;
    }

    /** Training steps done so far. */
    int steps() {
        return steps;
    }

    /** The phases begun so far, in order, with their sizes: "NAME input=N hidden=[..] rows=N eval=N". */
    List<String> phasesBegun() {
        return List.copyOf(phasesBegun);
    }

    /**
     * Stops once the last phase's steps run at compiled speed (a few in a row), or after the
     * current step when they already do, waiting for the JIT at most {@value #MAX_WAIT_NANOS} ns:
     * the real nets then start on compiled kernels instead of running their first, big products
     * as Java fallbacks. After that the phases stop at their next step; the caller's task still
     * runs (the run needs it). Returns the number of training steps done.
     */
    int stop() throws InterruptedException {
        stopDeadline = System.nanoTime() + MAX_WAIT_NANOS;
        stopRequested = true;
        thread.join();
        return steps;
    }

    private void run(TrainSpec spec, int inputDim, int rows, int evalRows, Runnable afterKernels) {
        int[] narrow = spec.hiddenDims();
        for (int h = 0; h < narrow.length; h++) narrow[h] = Math.min(narrow[h], MAX_HIDDEN);
        // first every kernel, on a narrow input (cheap steps while they are uncompiled); the
        // caller's task (it needs no more); then the second-depth-block paths, which 24 features
        // never reach (C += acc, edges added to C)
        phase(spec, Math.min(inputDim, QUICK_INPUT), narrow, ROWS, ROWS, Phase.QUICK);
        if (afterKernels != null) afterKernels.run();
        phase(spec, Math.min(inputDim, MAX_INPUT), narrow, ROWS, ROWS, Phase.TWO_BLOCKS);
        try {
            drawFigure();
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            // no fonts or no Java2D: the plots will say so themselves
        }
        try {
            PeakProbe.warmUp(spec.dtype() == DType.FLOAT64); // the loop the peak probe times after the runs
        } catch (RuntimeException | LinkageError e) {
            // the probe will say so itself
        }
        // last the real layer widths and batch sizes, still on a two-block input: loops whose
        // trip counts C2 profiled at 40 units recompile here, not in the real nets' first steps
        phase(spec, Math.min(inputDim, MAX_INPUT), spec.hiddenDims(), rows, Math.min(evalRows, MAX_EVAL_ROWS), Phase.FULL);
    }

    /** Trains throwaway nets in one phase; a warm-up that cannot run only means a slower start. */
    private void phase(TrainSpec spec, int inputDim, int[] hidden, int rows, int evalRows, Phase phase) {
        phasesBegun.add(phase + " input=" + inputDim + " hidden=" + java.util.Arrays.toString(hidden)
                + " rows=" + rows + " eval=" + evalRows);
        try {
            Parallel.callSerially(() -> {
                train(spec, inputDim, hidden, rows, evalRows, new NumpyRandom(0), phase);
                return null;
            });
        } catch (Exception e) {
            // the run itself will meet whatever failed here, and say so
        }
    }

    private static void drawFigure() throws java.io.IOException {
        Plot.Panel panel = new Plot.Panel("warm-up", "x", "y");
        panel.add(Plot.Series.indexed("warm-up", new double[] {0.1, 0.3, 0.2}, true, true));
        BufferedImage img = Plot.render(List.of(panel), 200, 120);
        dev.vecnn.plot.Png.write(img, new ByteArrayOutputStream());
    }

    /** The warm-up's phases, in the order they run (see the class comment). */
    private enum Phase {
        /** Narrow input and layers: ends when its steps run compiled or after its budget or on stop(). */
        QUICK,
        /** Two depth blocks, narrow layers: ends when its steps run compiled or after its budget. */
        TWO_BLOCKS,
        /** Two depth blocks, the real layers and batches: runs until stopped (see {@link #done}). */
        FULL
    }

    /**
     * Trains throwaway nets on {@code rows}-row batches and runs the test-mode forward pass on
     * {@code evalRows} rows after each step, until the phase ends ({@link Phase}).
     */
    private void train(TrainSpec spec, int inputDim, int[] hidden, int rows, int evalRows, NumpyRandom rng, Phase phase) {
        double[] keeps = {1.0, spec.keepProb() < 1 ? spec.keepProb() : 0.5};
        FullyConnectedNet[] nets = new FullyConnectedNet[keeps.length];
        List<Map<String, OptimConfig>> configs = new java.util.ArrayList<>();
        for (int i = 0; i < keeps.length; i++) {
            nets[i] = spec.toBuilder().keepProb(keeps[i]).hiddenDims(hidden).build().buildNet(inputDim, 10, rng);
            configs.add(new HashMap<>());
        }
        Tensor x = randomInput(spec, rows, inputDim, rng);
        Tensor xEval = evalRows == rows ? x : randomInput(spec, evalRows, inputDim, rng);
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
        double stepFlops = Arithmetic.runFlops(x.rowLength(), nets[0].hiddenDims(), 10, 1, rows, 1, evalRows);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        fastSteps = 0;
        long phaseStart = System.nanoTime();
        for (int step = 0; !phaseDone(phase, step, phaseStart); step++) {
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
            net.loss(xEval); // the accuracy checks' test-mode path
            long used = cpu.getCurrentThreadCpuTime() - cpu0;
            fastSteps = cpu0 >= 0 && used <= stepFlops ? fastSteps + 1 : 0; // ns <= flops: >= 1 GFLOP/s
            steps++;
        }
    }

    private static Tensor randomInput(TrainSpec spec, int rows, int inputDim, NumpyRandom rng) {
        Tensor x = Tensor.zeros(spec.dtype(), rows, inputDim);
        for (int i = 0; i < x.size(); i++) x.set(i, rng.standardNormal() * 60);
        return x;
    }

    private boolean phaseDone(Phase phase, int step, long phaseStart) {
        boolean compiled = fastSteps >= COMPILED_STEPS || !cpuClockReadable();
        switch (phase) {
            case QUICK:
                return compiled || step >= QUICK_MAX_STEPS || stopRequested;
            case TWO_BLOCKS:
                return compiled || step >= TWO_BLOCK_MAX_STEPS || System.nanoTime() - phaseStart > TWO_BLOCK_MAX_NANOS
                        || waitOver();
            default:
                return done(step);
        }
    }

    /**
     * After stop(): when the last phase has run {@value #FULL_MIN_STEPS} steps and its latest ran
     * compiled, or when the wait is over.
     */
    private boolean done(int step) {
        if (!stopRequested) return false;
        return (fastSteps >= COMPILED_STEPS && step >= FULL_MIN_STEPS) || !cpuClockReadable() || waitOver();
    }

    /** Whether stop() was called more than {@value #MAX_WAIT_NANOS} ns ago. */
    private boolean waitOver() {
        return stopRequested && System.nanoTime() - stopDeadline > 0;
    }

    /** Whether this thread's CPU clock can be read (the compiled-speed test needs it). */
    private static boolean cpuClockReadable() {
        return java.lang.management.ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported();
    }
}
