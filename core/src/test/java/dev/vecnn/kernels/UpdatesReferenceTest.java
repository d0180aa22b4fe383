package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link Updates} facade (whichever kernel it chose) against numpy: the expected values come
 * from {@code src/test/python/updates_reference.py}, which runs the assignment's optim.py update
 * rules with numpy on its linspace test case (N, D = 4, 5) and writes
 * {@code src/test/resources/dev/vecnn/kernels/updates_float64.txt} and {@code ..._float32.txt}
 * (committed; rerun the script to regenerate).
 *
 * <p>Tolerances: float64 must agree to 2 ulps of the value (the arithmetic is the same; only
 * {@code Math.pow} for {@code beta**t} may differ from C's pow in the last bit); most values are
 * bit-identical. float32 through the double-hyperparameter overloads (numpy's semantics: Python
 * floats rounded to float32 once) likewise to 2 ulps. float32 through the float-hyperparameter
 * overloads: 0.999f is not 0.999, and {@code 1 - 0.999f} differs from float32(0.001) by 1.3e-5
 * relative, so those agree to 2e-5 relative (plus 2 ulps).
 */
class UpdatesReferenceTest {
    private static final int N = 20;

    private static Map<String, double[]> load(String dtype) throws IOException {
        String name = "updates_" + dtype + ".txt";
        Map<String, double[]> values = new HashMap<>();
        try (InputStream in = UpdatesReferenceTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                double[] row = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    row[i - 1] = Double.parseDouble(parts[i]);
                }
                assertThat(row).as(parts[0]).hasSize(N);
                values.put(parts[0], row);
            }
        }
        return values;
    }

    private static float[] f(Map<String, double[]> ref, String key) {
        double[] d = ref.get(key);
        assertThat(d).as(key).isNotNull();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
            assertThat((double) out[i]).as("%s is a float32 value", key).isEqualTo(d[i]);
        }
        return out;
    }

    private static double[] d(Map<String, double[]> ref, String key) {
        double[] d = ref.get(key);
        assertThat(d).as(key).isNotNull();
        return d.clone();
    }

    private static void assertUlps(double[] actual, double[] expected, int ulps, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(ulps * Math.ulp(expected[i])));
        }
    }

    private static void assertUlps(float[] actual, float[] expected, int ulps, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(ulps * Math.ulp(expected[i])));
        }
    }

    @Test
    void float64MatchesNumpy() throws IOException {
        Map<String, double[]> ref = load("float64");
        double[] dw = d(ref, "input.dw");

        double[] w = d(ref, "input.w");
        Updates.sgd(N, w, 0, dw, 0, 1e-3);
        assertUlps(w, ref.get("sgd.next_w"), 0, "sgd next_w");

        w = d(ref, "input.w");
        double[] v = d(ref, "momentum.velocity_in");
        Updates.momentum(N, w, 0, dw, 0, v, 0, 1e-3, 0.9);
        assertUlps(w, ref.get("momentum.next_w"), 0, "momentum next_w");
        assertUlps(v, ref.get("momentum.velocity"), 0, "momentum velocity");

        w = d(ref, "input.w");
        double[] cache = d(ref, "rmsprop.cache_in");
        Updates.rmsprop(N, w, 0, dw, 0, cache, 0, 1e-2, 0.99, 1e-8);
        assertUlps(w, ref.get("rmsprop.next_w"), 0, "rmsprop next_w");
        assertUlps(cache, ref.get("rmsprop.cache"), 0, "rmsprop cache");

        w = d(ref, "input.w");
        double[] m = d(ref, "adam.m_in");
        v = d(ref, "adam.v_in");
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-2, 0.9, 0.999, 1e-8, 6); // optim.py: t = 5, then t += 1
        assertUlps(w, ref.get("adam.next_w"), 2, "adam next_w");
        assertUlps(m, ref.get("adam.m"), 0, "adam m");
        assertUlps(v, ref.get("adam.v"), 0, "adam v");

        w = d(ref, "input.w");
        m = new double[N];
        v = new double[N];
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-3, 0.9, 0.999, 1e-8, 1);
        assertUlps(w, ref.get("adam_first.next_w"), 2, "adam first step next_w");
        assertUlps(m, ref.get("adam_first.m"), 0, "adam first step m");
        assertUlps(v, ref.get("adam_first.v"), 0, "adam first step v");
    }

    /** Float32 with Python-float (double) hyperparameters, as numpy's optim.py runs them. */
    @Test
    void float32WithDoubleHyperparametersMatchesNumpy() throws IOException {
        Map<String, double[]> ref = load("float32");
        float[] dw = f(ref, "input.dw");

        float[] w = f(ref, "input.w");
        Updates.sgd(N, w, 0, dw, 0, 1e-3);
        assertUlps(w, f(ref, "sgd.next_w"), 0, "sgd next_w");

        w = f(ref, "input.w");
        float[] v = f(ref, "momentum.velocity_in");
        Updates.momentum(N, w, 0, dw, 0, v, 0, 1e-3, 0.9);
        assertUlps(w, f(ref, "momentum.next_w"), 0, "momentum next_w");
        assertUlps(v, f(ref, "momentum.velocity"), 0, "momentum velocity");

        w = f(ref, "input.w");
        float[] cache = f(ref, "rmsprop.cache_in");
        Updates.rmsprop(N, w, 0, dw, 0, cache, 0, 1e-2, 0.99, 1e-8);
        assertUlps(w, f(ref, "rmsprop.next_w"), 0, "rmsprop next_w");
        assertUlps(cache, f(ref, "rmsprop.cache"), 0, "rmsprop cache");

        w = f(ref, "input.w");
        float[] m = f(ref, "adam.m_in");
        v = f(ref, "adam.v_in");
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-2, 0.9, 0.999, 1e-8, 6);
        assertUlps(w, f(ref, "adam.next_w"), 2, "adam next_w");
        assertUlps(m, f(ref, "adam.m"), 0, "adam m");
        assertUlps(v, f(ref, "adam.v"), 0, "adam v");

        w = f(ref, "input.w");
        m = new float[N];
        v = new float[N];
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-3, 0.9, 0.999, 1e-8, 1);
        assertUlps(w, f(ref, "adam_first.next_w"), 2, "adam first step next_w");
        assertUlps(m, f(ref, "adam_first.m"), 0, "adam first step m");
        assertUlps(v, f(ref, "adam_first.v"), 0, "adam first step v");
    }

    /** 2 ulps plus {@code 2e-5} relative, see the class comment. */
    private static void assertClose(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i],
                    org.assertj.core.api.Assertions.within(
                            (float) (2 * Math.ulp(expected[i]) + 2e-5 * Math.abs(expected[i]))));
        }
    }

    /** Float32 with float hyperparameters (0.999f, ...): close to numpy, see the class comment. */
    @Test
    void float32WithFloatHyperparametersIsCloseToNumpy() throws IOException {
        Map<String, double[]> ref = load("float32");
        float[] dw = f(ref, "input.dw");

        float[] w = f(ref, "input.w");
        Updates.sgd(N, w, 0, dw, 0, 1e-3f);
        assertClose(w, f(ref, "sgd.next_w"), "sgd next_w");

        w = f(ref, "input.w");
        float[] cache = f(ref, "rmsprop.cache_in");
        Updates.rmsprop(N, w, 0, dw, 0, cache, 0, 1e-2f, 0.99f, 1e-8f);
        assertClose(w, f(ref, "rmsprop.next_w"), "rmsprop next_w");
        assertClose(cache, f(ref, "rmsprop.cache"), "rmsprop cache");

        w = f(ref, "input.w");
        float[] m = new float[N];
        float[] v = new float[N];
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-3f, 0.9f, 0.999f, 1e-8f, 1);
        assertClose(w, f(ref, "adam_first.next_w"), "adam first step next_w");
        assertClose(m, f(ref, "adam_first.m"), "adam first step m");
        assertClose(v, f(ref, "adam_first.v"), "adam first step v");

        w = f(ref, "input.w");
        m = f(ref, "adam.m_in");
        v = f(ref, "adam.v_in");
        Updates.adam(N, w, 0, dw, 0, m, 0, v, 0, 1e-2f, 0.9f, 0.999f, 1e-8f, 6);
        assertClose(w, f(ref, "adam.next_w"), "adam next_w");
    }
}
