package dev.vecnn.infer;

import dev.vecnn.tensor.DType;
import dev.vecnn.layers.Normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.DataException;
import dev.vecnn.io.Npz;
import dev.vecnn.io.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models loaded from .npz files numpy wrote (src/test/python/infer_fixtures.py), scored against
 * numpy's own test-mode forward pass stored next to each file.
 */
class NpzModelsTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(NpzModelsTest.class.getResource("/infer/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks scores (relative tolerance tol) and labels against the numpy expectations. */
    static void assertMatchesNumpy(InferenceModel model, String name, double tol) throws IOException {
        Map<String, NpyArray> expected = Npz.read(resource(name + "_expected.npz"));
        NpyArray xs = expected.get("X");
        int n = xs.shape()[0];
        double[] want = expected.get("scores").doubles();
        long[] labels = expected.get("labels").longs();
        double[] got;
        int[] predicted = new int[n];
        if (xs.type() == dev.vecnn.io.NpyType.FLOAT32) {
            float[] x = xs.floats();
            got = TestNets.toDoubles(model.scores(x, n));
            model.predict(x, n, predicted);
        } else {
            double[] x = xs.doubles();
            got = model.scores(x, n);
            model.predict(x, n, predicted);
        }
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s score %d: %s vs numpy %s", name, i, got[i], want[i])
                    .isLessThanOrEqualTo(tol * (1 + Math.abs(want[i])));
        }
        for (int i = 0; i < n; i++) {
            assertThat((long) predicted[i]).as("%s label %d", name, i).isEqualTo(labels[i]);
        }
    }

    @Test
    void plainFloat32NetOfTheSeedInputSize() throws IOException {
        InferenceModel model = InferenceModel.load(resource("plain_f32.npz"));
        assertThat(model.layerDims()).containsExactly(3072, 8, 10);
        assertThat(model.precision()).isEqualTo(DType.FLOAT32);
        assertThat(model.normalization()).isEqualTo(Normalization.NONE);
        assertMatchesNumpy(model, "plain_f32", 1e-5);
    }

    @Test
    void batchnormFloat64Net() throws IOException {
        InferenceModel model = InferenceModel.load(resource("batchnorm_f64.npz"), Normalization.BATCHNORM);
        assertThat(model.precision()).isEqualTo(DType.FLOAT64);
        assertThat(model.normalization()).isEqualTo(Normalization.BATCHNORM);
        assertMatchesNumpy(model, "batchnorm_f64", 1e-12);
    }

    @Test
    void layernormNetFromSavezCompressed() throws IOException {
        InferenceModel model = InferenceModel.load(resource("layernorm_f32_z.npz"));
        assertThat(model.normalization()).isEqualTo(Normalization.LAYERNORM);
        assertMatchesNumpy(model, "layernorm_f32_z", 1e-5);
    }

    @Test
    void checkpointWithOptimizerAndSolverStateLoadsTheParametersOnly() throws IOException {
        // holds m_W1, v_W1, ..., t, epoch and a 0-d beta1 (Adam's), none of which is a parameter
        InferenceModel model = InferenceModel.load(resource("checkpoint_f32.npz"));
        assertThat(model.layerDims()).containsExactly(12, 9, 5);
        assertThat(model.normalization()).isEqualTo(Normalization.NONE);
        assertMatchesNumpy(model, "checkpoint_f32", 1e-5);
    }

    @Test
    void experimentCheckpointLayout() throws IOException {
        // dev.vecnn.cli.Checkpoint's names: bn<k>_running_mean/var, best_*, optim_*, solver_*, vecnn_args
        Path file = resource("cli_checkpoint_bn.npz");
        InferenceModel current = InferenceModel.load(file);
        assertThat(current.normalization()).isEqualTo(Normalization.BATCHNORM);
        assertMatchesNumpy(current, "cli_checkpoint_bn", 1e-5);
        InferenceModel best = InferenceModel.load(file, Normalization.BATCHNORM, "best_");
        assertMatchesNumpy(best, "cli_checkpoint_bn_best", 1e-5);
        assertThat(best.scores(new float[12], 1)).isNotEqualTo(current.scores(new float[12], 1));
    }

    @Test
    void bothSpellingsOfARunningStatisticAreRejected() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("running_mean1", NpyArray.vector(1f, 2f));
        arrays.put("bn1_running_mean", NpyArray.vector(1f, 2f));
        assertThatThrownBy(() -> NpzModels.builder(arrays, "two.npz", ""))
                .isInstanceOf(DataException.class)
                .hasMessage("two.npz: running_mean1 and bn1_running_mean are both running_mean1; keep one");
    }

    @Test
    void vanillaDropoutNetNeedsTheCallerToSaySo() throws IOException {
        InferenceModel model = InferenceModel.builder(resource("vanilla_f32.npz"))
                .dropout(DropoutMode.VANILLA, 0.5).build();
        assertMatchesNumpy(model, "vanilla_f32", 1e-5);
        InferenceModel unscaled = InferenceModel.load(resource("vanilla_f32.npz"));
        assertThatThrownBy(() -> assertMatchesNumpy(unscaled, "vanilla_f32", 1e-5))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void normalizationHintThatDisagreesNamesTheFile() {
        Path file = resource("batchnorm_f64.npz");
        assertThatThrownBy(() -> InferenceModel.load(file, Normalization.LAYERNORM))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": normalization LAYERNORM")
                .hasMessageContaining("running statistics");
        assertThatThrownBy(() -> InferenceModel.load(resource("plain_f32.npz"), Normalization.BATCHNORM))
                .isInstanceOf(DataException.class).hasMessageContaining("missing parameter gamma1");
    }

    @Test
    void missingLayerOrWrongDtype() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", NpyArray.of(new float[6], 3, 2));
        arrays.put("b1", NpyArray.of(new float[2], 2));
        arrays.put("W3", NpyArray.of(new float[4], 2, 2));
        arrays.put("b3", NpyArray.of(new float[2], 2));
        Path gap = tmp.resolve("gap.npz");
        Npz.write(gap, arrays);
        assertThatThrownBy(() -> InferenceModel.load(gap))
                .isInstanceOf(DataException.class)
                .hasMessage(gap + ": missing parameter W2: found W3 but the affine layers stop at W1");

        arrays.clear();
        arrays.put("W1", NpyArray.of(new long[6], 3, 2));
        assertThatThrownBy(() -> NpzModels.builder(arrays, "ints.npz", ""))
                .isInstanceOf(DataException.class)
                .hasMessage("ints.npz: parameter W1 must be float32 or float64, got INT64");

        arrays.clear();
        arrays.put("W1", NpyArray.of(new float[6], 3, 2));
        arrays.put("b1", NpyArray.of(new float[3], 3));
        Path shapes = tmp.resolve("shapes.npz");
        Npz.write(shapes, arrays);
        assertThatThrownBy(() -> InferenceModel.load(shapes))
                .isInstanceOf(DataException.class)
                .hasMessage(shapes + ": b1 must have shape (2,) to match W1 (3, 2), got (3,)");
    }

    @Test
    void truncatedOrMissingFile() throws IOException {
        byte[] good = Files.readAllBytes(resource("checkpoint_f32.npz"));
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> InferenceModel.load(cut))
                .isInstanceOf(DataException.class).hasMessageContaining(cut.toString());
        assertThatThrownBy(() -> InferenceModel.load(tmp.resolve("absent.npz")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
