package dev.vecnn.optim;

import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Update rules against numpy: src/test/python/optim_reference.py applies the assignment's
 * optim.py to the FullyConnectedNets notebook's linspace case and writes
 * src/test/resources/assign/optim_reference.txt.
 */
class OptimTest {
    private static final Map<String, double[]> REF = load();

    private static Map<String, double[]> load() {
        Map<String, double[]> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                OptimTest.class.getResourceAsStream("/assign/optim_reference.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] parts = line.trim().split(" ");
                double[] v = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) v[i - 1] = Double.parseDouble(parts[i]);
                m.put(parts[0], v);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static Tensor ref(DType dtype, String key) {
        return Tensor.fromDoubles(dtype, REF.get(dtype + "." + key), 4, 5);
    }

    /** numpy's values bit for bit (float32 too: the kernels follow numpy's float32 arithmetic). */
    private static void assertClose(DType dtype, Tensor actual, String key) {
        double[] expected = REF.get(dtype + "." + key);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as(key + "[" + i + "]").isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sgdMatchesNumpy(DType dtype) {
        Tensor w = ref(dtype, "w");
        Optim.SGD.update(w, ref(dtype, "dw"), new OptimConfig().set("learning_rate", 1e-3));
        assertClose(dtype, w, "sgd.next_w");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void momentumMatchesNumpy(DType dtype) {
        Tensor w = ref(dtype, "w");
        OptimConfig c = new OptimConfig().set("learning_rate", 1e-3).putState("velocity", ref(dtype, "lin_0.6_0.9"));
        Optim.SGD_MOMENTUM.update(w, ref(dtype, "dw"), c);
        assertClose(dtype, w, "sgd_momentum.next_w");
        assertClose(dtype, c.state("velocity"), "sgd_momentum.velocity");
        assertThat(c.get("momentum")).isEqualTo(0.9);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void rmspropMatchesNumpy(DType dtype) {
        Tensor w = ref(dtype, "w");
        OptimConfig c = new OptimConfig().set("learning_rate", 1e-2).putState("cache", ref(dtype, "lin_0.6_0.9"));
        Optim.RMSPROP.update(w, ref(dtype, "dw"), c);
        assertClose(dtype, w, "rmsprop.next_w");
        assertClose(dtype, c.state("cache"), "rmsprop.cache");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamMatchesNumpy(DType dtype) {
        Tensor w = ref(dtype, "w");
        OptimConfig c = new OptimConfig().set("learning_rate", 1e-2)
                .putState("m", ref(dtype, "lin_0.6_0.9")).putState("v", ref(dtype, "lin_0.7_0.5")).t(5);
        Optim.ADAM.update(w, ref(dtype, "dw"), c);
        assertClose(dtype, w, "adam.next_w");
        assertClose(dtype, c.state("m"), "adam.m");
        assertClose(dtype, c.state("v"), "adam.v");
        assertThat(c.t()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamTenStepsFromDefaultsMatchesNumpy(DType dtype) {
        Tensor w = ref(dtype, "w");
        Tensor dw = ref(dtype, "dw");
        OptimConfig c = new OptimConfig();
        for (int i = 0; i < 10; i++) Optim.ADAM.update(w, dw, c);
        assertClose(dtype, w, "adam10.next_w");
        assertThat(c.get("learning_rate")).isEqualTo(1e-3);
        assertThat(c.t()).isEqualTo(10);
    }

    @Test
    void unknownRuleAndKeysAreRejected() {
        assertThatThrownBy(() -> Optim.byName("adagrad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adagrad").hasMessageContaining("adam");
        assertThatThrownBy(() -> Optim.ADAM.checkConfig(new OptimConfig().set("lr", 1e-3)))
                .hasMessageContaining("'lr'").hasMessageContaining("learning_rate");
        Tensor w = Tensor.zeros(DType.FLOAT32, 2, 2);
        assertThatThrownBy(() -> Optim.SGD.update(w, Tensor.zeros(DType.FLOAT64, 2, 2), new OptimConfig()))
                .hasMessageContaining("dtype");
        assertThatThrownBy(() -> Optim.SGD.update(w, Tensor.zeros(DType.FLOAT32, 2, 3), new OptimConfig()))
                .hasMessageContaining("shape");
    }

    @Test
    void copyIsDeep() {
        OptimConfig c = new OptimConfig();
        Tensor w = Tensor.ones(DType.FLOAT64, 3);
        Optim.ADAM.update(w, Tensor.ones(DType.FLOAT64, 3), c);
        OptimConfig copy = c.copy();
        Optim.ADAM.update(w, Tensor.ones(DType.FLOAT64, 3), c);
        assertThat(copy.t()).isEqualTo(1);
        assertThat(copy.state("m").get(0)).isNotEqualTo(c.state("m").get(0));
    }
}
