package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.SkinnyPanels;
import dev.vecnn.kernels.VectorSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * The seed net's first layer at 1 to 8 rows ({@code x @ W1}, 3072 x 500 float32, one thread):
 * the skinny GEMM over W1 in place against W1 in column panels ({@link SkinnyPanels}, as an
 * inference model holds it), windows alternating in one JVM, in products per CPU-second of the
 * calling thread (medians), and their ratio. Both give the same bits (checked before timing).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.SkinnyPanelsCpuTime [windows [panelColumns]]</pre>
 * (a panel width other than the kernel's is an experiment, through reflection).
 */
public final class SkinnyPanelsCpuTime {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private SkinnyPanelsCpuTime() {}

    /** Panels of another width (an experiment: SkinnyPanels.of with a width is package-private). */
    private static SkinnyPanels withWidth(float[] w, int n, int k, int width) {
        try {
            java.lang.reflect.Method of = SkinnyPanels.class.getDeclaredMethod("of", Object.class, int.class, int.class,
                    int.class, int.class, int.class);
            of.setAccessible(true);
            return (SkinnyPanels) of.invoke(null, w, 0, n, k, n, width);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        Parallel.setThreads(1);
        int k = InferenceNets.INPUT, n = InferenceNets.HIDDEN;
        float[] w = InferenceNets.gaussian(new Random(3), k * n, 0.01f);
        float[] x = InferenceNets.gaussian(new Random(4), 8 * k, 1f);
        SkinnyPanels panels = args.length > 1 ? withWidth(w, n, k, Integer.parseInt(args[1])) : SkinnyPanels.of(w, 0, n, k, n);
        System.out.printf("kernels: %s; W1 %d x %d float32, panels of %d columns (%,d bytes more)%n",
                VectorSupport.describe(), k, n, panels.panelColumns(), panels.copyBytes());
        for (int rows : new int[] {1, 4, 8}) {
            float[] c0 = new float[rows * n], c1 = new float[rows * n];
            Runnable inPlace = () -> Gemm.sgemm(false, false, rows, n, k, 1f, x, 0, k, w, 0, n, 0f, c0, 0, n);
            Runnable packed = () -> Gemm.sgemm(rows, 1f, x, 0, k, panels, 0f, c1, 0, n);
            inPlace.run();
            packed.run();
            if (!Arrays.equals(c0, c1)) throw new AssertionError(rows + " rows: the panels give other bits");
            int calls = Math.max(50, 2000 / rows);
            double[] ra = new double[windows], rb = new double[windows];
            for (int win = -3; win < windows; win++) {
                for (int which = 0; which < 2; which++) {
                    boolean a = (win + which) % 2 == 0;
                    Runnable body = a ? inPlace : packed;
                    long t0 = BEAN.getCurrentThreadCpuTime();
                    for (int c = 0; c < calls; c++) body.run();
                    double rate = calls / ((BEAN.getCurrentThreadCpuTime() - t0) / 1e9);
                    if (win >= 0) (a ? ra : rb)[win] = rate;
                }
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            System.out.printf("%d rows: in place %,.0f, panels %,.0f products per CPU-second (medians); panels/in place %.3f"
                    + " (quartiles %.3f .. %.3f)%n", rows, ra[windows / 2], rb[windows / 2], rb[windows / 2] / ra[windows / 2],
                    rb[windows / 4] / ra[windows / 4], rb[3 * windows / 4] / ra[3 * windows / 4]);
        }
    }
}
