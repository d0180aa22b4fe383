package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The matrix products of {@code vecnn experiment}, in its order and on buffers shaped like its
 * own, timed per CPU-second of the computing threads: what the job's GEMMs run at, next to the
 * single-shape loop of {@link GemmCpuTime} at NN_100x3072x500 measured in the same process.
 *
 * <p>One run of the experiment is two nets (3072-500-10, float32), each 125 training steps of
 * 100 rows (forward NN 100x3072x500 and NN 100x500x10; backward TN 500x100x10 for dW2,
 * NT 100x10x500 for dh, TN 3072x100x500 for dW1) and 26 accuracy checks (forward of the 500
 * training rows and of the 1000 validation rows in one batch each), the checks after step 1 and
 * after every 5th step. Each net owns its weights, activations and gradients; minibatch rows are
 * gathered from the 500 training images into one batch buffer, as the Solver does. With 2
 * threads the nets run side by side (one per thread, each kernel on its own thread, as
 * {@code SideBySideRuns}); with 1 they run one after the other, the kernels on one thread.
 *
 * <p>Output: the first pass (a fresh JVM: the JIT compiles the kernels while it runs, as in the
 * experiment), then the best of the following passes (compiled code, the steady state), then the
 * single-shape loop, each in GFLOP per CPU-second of the computing threads, and the ratios.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.JobGemmCpuTime [passes] [threads]</pre>
 */
public final class JobGemmCpuTime {
    static final int IN = 3072, HIDDEN = 500, CLASSES = 10, BATCH = 100, TRAIN = 500, VAL = 1000;
    static final int STEPS = 125, STEPS_PER_EPOCH = 5;

    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private JobGemmCpuTime() {}

    /** One net's buffers: weights, activations and gradients, allocated once as the engine does. */
    static final class Net {
        final float[] w1 = gaussian(IN * HIDDEN, 1e-2, 1), w2 = gaussian(HIDDEN * CLASSES, 1e-2, 2);
        final float[] h = new float[BATCH * HIDDEN], scores = new float[BATCH * CLASSES];
        final float[] dscores = gaussian(BATCH * CLASSES, 1e-2, 3), dh = new float[BATCH * HIDDEN];
        final float[] dw1 = new float[IN * HIDDEN], dw2 = new float[HIDDEN * CLASSES];
        final float[] evalH = new float[VAL * HIDDEN], evalScores = new float[VAL * CLASSES];
        final float[] batch = new float[BATCH * IN], evalTrain = new float[TRAIN * IN], evalVal = new float[VAL * IN];
    }

    /** The experiment's data: 500 training and 1000 validation images (mean-subtracted scale). */
    static final float[] X_TRAIN = gaussian(TRAIN * IN, 60, 4), X_VAL = gaussian(VAL * IN, 60, 5);

    static float[] gaussian(int n, double scale, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * scale);
        return a;
    }

    /** Flops of one net's run (the count of {@code vecnn experiment}'s summary, per net). */
    static double runFlops() {
        double step = 2.0 * BATCH * (2.0 * (IN * HIDDEN + HIDDEN * CLASSES) + HIDDEN * CLASSES);
        double check = 2.0 * (TRAIN + VAL) * (IN * HIDDEN + HIDDEN * CLASSES);
        return STEPS * step + (STEPS / STEPS_PER_EPOCH + 1) * check;
    }

    /** One net's 125 steps and 26 checks. */
    static void run(Net net, long seed) {
        Random pick = new Random(seed);
        for (int t = 0; t < STEPS; t++) {
            for (int r = 0; r < BATCH; r++) {
                System.arraycopy(X_TRAIN, pick.nextInt(TRAIN) * IN, net.batch, r * IN, IN);
            }
            step(net);
            if (t == 0 || (t + 1) % STEPS_PER_EPOCH == 0) {
                System.arraycopy(X_TRAIN, 0, net.evalTrain, 0, X_TRAIN.length);
                forward(net, TRAIN, net.evalTrain);
                System.arraycopy(X_VAL, 0, net.evalVal, 0, X_VAL.length);
                forward(net, VAL, net.evalVal);
            }
        }
    }

    static void step(Net n) {
        Gemm.sgemm(false, false, BATCH, HIDDEN, IN, 1f, n.batch, 0, IN, n.w1, 0, HIDDEN, 0f, n.h, 0, HIDDEN);
        Gemm.sgemm(false, false, BATCH, CLASSES, HIDDEN, 1f, n.h, 0, HIDDEN, n.w2, 0, CLASSES, 0f, n.scores, 0, CLASSES);
        Gemm.sgemm(true, false, HIDDEN, CLASSES, BATCH, 1f, n.h, 0, HIDDEN, n.dscores, 0, CLASSES, 0f, n.dw2, 0, CLASSES);
        Gemm.sgemm(false, true, BATCH, HIDDEN, CLASSES, 1f, n.dscores, 0, CLASSES, n.w2, 0, CLASSES, 0f, n.dh, 0, HIDDEN);
        Gemm.sgemm(true, false, IN, HIDDEN, BATCH, 1f, n.batch, 0, IN, n.dh, 0, HIDDEN, 0f, n.dw1, 0, HIDDEN);
    }

    static void forward(Net n, int rows, float[] x) {
        Gemm.sgemm(false, false, rows, HIDDEN, IN, 1f, x, 0, IN, n.w1, 0, HIDDEN, 0f, n.evalH, 0, HIDDEN);
        Gemm.sgemm(false, false, rows, CLASSES, HIDDEN, 1f, n.evalH, 0, HIDDEN, n.w2, 0, CLASSES, 0f, n.evalScores, 0, CLASSES);
    }

    /** The experiment's pass: both nets, side by side on two threads or one after the other. Returns {cpu s, wall s}. */
    static double[] pass(Net[] nets, int threads) throws Exception {
        long wall0 = System.nanoTime();
        if (threads == 1) {
            long cpu0 = BEAN.getCurrentThreadCpuTime();
            for (int i = 0; i < nets.length; i++) run(nets[i], i);
            return new double[] {(BEAN.getCurrentThreadCpuTime() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9};
        }
        long[] cpu = new long[nets.length];
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < nets.length; i++) {
            int net = i;
            Thread t = new Thread(() -> {
                try {
                    Parallel.callSerially(() -> {
                        long c0 = BEAN.getCurrentThreadCpuTime();
                        run(nets[net], net);
                        cpu[net] = BEAN.getCurrentThreadCpuTime() - c0;
                        return null;
                    });
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) t.join();
        double sum = 0;
        for (long c : cpu) sum += c / 1e9;
        return new double[] {sum, (System.nanoTime() - wall0) / 1e9};
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Parallel.setThreads(threads);
        Net[] nets = {new Net(), new Net()};
        double flops = 2 * runFlops();
        double first = 0, best = 0;
        for (int p = 0; p < passes; p++) {
            double[] cw = pass(nets, threads);
            double rate = flops / cw[0] / 1e9;
            System.out.printf("job pass %d: %.1f GFLOP in %.2f CPU-s (wall %.2f s): %.1f GFLOP per CPU-second%n",
                    p + 1, flops / 1e9, cw[0], cw[1], rate);
            if (p == 0) first = rate; else best = Math.max(best, rate);
        }
        // GemmCpuTime's loop at the job's main shape, same process, one thread, after the job's passes
        Parallel.setThreads(1);
        float[] a = gaussian(BATCH * IN, 60, 6), b = gaussian(IN * HIDDEN, 1e-2, 7), c = new float[BATCH * HIDDEN];
        double loop = 0;
        for (int round = 0; round < 3; round++) {
            long cpu0 = BEAN.getCurrentThreadCpuTime();
            long calls = 0;
            while (BEAN.getCurrentThreadCpuTime() - cpu0 < 1e9) {
                Gemm.sgemm(false, false, BATCH, HIDDEN, IN, 1f, a, 0, IN, b, 0, HIDDEN, 0f, c, 0, HIDDEN);
                calls++;
            }
            double s = (BEAN.getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (round > 0) loop = Math.max(loop, 2.0 * BATCH * IN * HIDDEN * calls / s / 1e9);
        }
        System.out.printf("single-shape loop NN_100x3072x500 (GemmCpuTime's): %.1f GFLOP per CPU-second%n", loop);
        System.out.printf("job / loop: first pass %.2f, steady state %.2f (threads %d)%n", first / loop,
                passes > 1 ? best / loop : Double.NaN, threads);
    }
}
