package dev.vecnn.bench;

import dev.vecnn.infer.InferenceModel;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-thread inference speed per CPU-second of the calling thread (robust on a shared,
 * overloaded machine), on the seed net's shape (3072 → 500 → 10, float32), next to the
 * bandwidth bound: batch-1 inference reads all 6.2 MB of weights per prediction, so the read
 * bandwidth of the cache level they live in caps it. Prints, best and median of the windows:
 * predictions per CPU-second at batch 1, 8 and 100, and GB per CPU-second of a vector read of a
 * 6 MB array (the weights' size: L3 on a machine with a 32 MB L3) and of a 512 MB array (DRAM),
 * with the predictions/s those bandwidths allow at batch 1. Then the same net exported to ONNX and
 * read back ({@code InferenceModel.fromOnnx}), against the original, windows alternating: the
 * ratio of their rates per batch size (an imported model runs on the same engine).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.InferenceCpuTime [windows]</pre>
 */
public final class InferenceCpuTime {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    private static volatile float sink;

    private InferenceCpuTime() {}

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Parallel.setThreads(1);
        InferenceModel model = InferenceNets.seedShape(231);
        int in = InferenceNets.INPUT;
        float[] x = InferenceNets.gaussian(new Random(1), 100 * in, 1f);
        int[] labels = new int[100];
        System.out.printf("kernels: %s, %s, library threads 1%n", VectorSupport.describe(), model);
        long weightBytes = 4L * (InferenceNets.INPUT * InferenceNets.HIDDEN + InferenceNets.HIDDEN * InferenceNets.CLASSES);
        for (int batch : new int[] {1, 8, 100}) {
            int calls = Math.max(1, 2000 / batch);
            double[] rates = measure(windows, () -> {
                for (int c = 0; c < calls; c++) model.predict(x, (c % (100 / batch)) * batch * in, batch, labels, 0);
            }, (double) calls * batch);
            System.out.printf("batch %3d: %,.0f predictions per CPU-second (best), %,.0f (median)%n",
                    batch, rates[0], rates[1]);
        }
        InferenceModel imported;
        try {
            imported = InferenceModel.fromOnnx(model.toOnnx(), "exported");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int batch : new int[] {1, 8, 100}) {
            int calls = Math.max(1, 2000 / batch);
            double[] both = measurePair(windows, m -> {
                for (int c = 0; c < calls; c++) m.predict(x, (c % (100 / batch)) * batch * in, batch, labels, 0);
            }, model, imported, (double) calls * batch);
            System.out.printf("batch %3d: vecnn-built %,.0f, ONNX-imported %,.0f predictions per CPU-second (median of "
                    + "alternating windows): imported/built %.3f%n", batch, both[0], both[1], both[1] / both[0]);
        }
        for (long bytes : new long[] {weightBytes, 512L << 20}) {
            float[] data = InferenceNets.gaussian(new Random(2), (int) (bytes / 4), 1f);
            int passes = (int) Math.max(1, (200L << 20) / bytes);
            double[] gbs = measure(windows, () -> {
                for (int r = 0; r < passes; r++) sink += read(data);
            }, passes * (double) bytes / 1e9);
            System.out.printf("read %,d bytes: %.1f GB per CPU-second (best), %.1f (median): batch-1 bound "
                    + "%,.0f predictions/s%n", bytes, gbs[0], gbs[1], gbs[0] * 1e9 / weightBytes);
        }
    }

    /** Best and median of {@code work} units per CPU-second over the windows (after two warm-up windows). */
    private static double[] measure(int windows, Runnable body, double work) {
        double[] rate = new double[windows];
        for (int w = -2; w < windows; w++) {
            long t0 = BEAN.getCurrentThreadCpuTime();
            body.run();
            double seconds = (BEAN.getCurrentThreadCpuTime() - t0) / 1e9;
            if (w >= 0) rate[w] = work / seconds;
        }
        Arrays.sort(rate);
        return new double[] {rate[windows - 1], rate[windows / 2]};
    }

    /** Medians of {@code work} units per CPU-second of {@code body} on a and on b, windows alternating. */
    private static double[] measurePair(int windows, java.util.function.Consumer<InferenceModel> body,
                                        InferenceModel a, InferenceModel b, double work) {
        double[] ra = new double[windows];
        double[] rb = new double[windows];
        for (int w = -2; w < windows; w++) {
            for (int which = 0; which < 2; which++) {
                InferenceModel m = (w + which) % 2 == 0 ? a : b;   // alternate which goes first
                long t0 = BEAN.getCurrentThreadCpuTime();
                body.accept(m);
                double rate = work / ((BEAN.getCurrentThreadCpuTime() - t0) / 1e9);
                if (w >= 0) (m == a ? ra : rb)[w] = rate;
            }
        }
        Arrays.sort(ra);
        Arrays.sort(rb);
        return new double[] {ra[windows / 2], rb[windows / 2]};
    }

    /** Sum of the array with eight vector accumulators (a pure read stream). */
    private static float read(float[] a) {
        FloatVector s0 = FloatVector.zero(FS), s1 = FloatVector.zero(FS), s2 = FloatVector.zero(FS), s3 = FloatVector.zero(FS);
        int step = FS.length();
        int i = 0;
        for (; i + 4 * step <= a.length; i += 4 * step) {
            s0 = s0.add(FloatVector.fromArray(FS, a, i));
            s1 = s1.add(FloatVector.fromArray(FS, a, i + step));
            s2 = s2.add(FloatVector.fromArray(FS, a, i + 2 * step));
            s3 = s3.add(FloatVector.fromArray(FS, a, i + 3 * step));
        }
        float s = s0.add(s1).add(s2.add(s3)).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < a.length; i++) s += a[i];
        return s;
    }
}
