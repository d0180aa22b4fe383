package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.LossAndGrads;
import dev.vecnn.model.ModelFile;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** InferenceModel.load of a {@link ModelFile}: the file's dropout, normalization and mean image are honoured. */
class ModelFileLoadTest {
    @TempDir
    Path tmp;

    static final int D = 10;

    static FullyConnectedNet trainedNet(DType dtype, Normalization norm, double keepProb, boolean vanilla, double eps) {
        NumpyRandom.seed(11);
        FullyConnectedNet net = FullyConnectedNet.builder(8, 6).inputDim(D).numClasses(5).dtype(dtype)
                .normalization(norm).dropout(keepProb).vanillaDropout(vanilla).weightScale(0.5).build();
        net.bnParams().forEach(bn -> bn.eps(eps));
        Tensor x = input(dtype, 7, 0);
        int[] y = {0, 1, 2, 3, 4, 0, 1};
        for (int step = 0; step < 3; step++) {
            LossAndGrads lg = net.loss(x, y);
            for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
                Tensor p = e.getValue();
                Tensor g = lg.grads().get(e.getKey());
                for (int i = 0; i < p.size(); i++) {
                    p.set(i, p.get(i) - 0.2 * g.get(i));
                }
            }
        }
        return net;
    }

    static Tensor input(DType dtype, int rows, int shift) {
        double[] v = new double[rows * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.cos((i + shift) * 1.3) * 3;
        }
        return Tensor.fromDoubles(dtype, v, rows, D);
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Normalization norm : Normalization.values()) {
                out.add(Arguments.of(dtype, norm, true));
                out.add(Arguments.of(dtype, norm, false));
            }
        }
        return out.stream();
    }

    /** The loaded model's scores equal the saved net's {@code loss(X)}. */
    @ParameterizedTest(name = "{0} {1} vanilla {2}")
    @MethodSource("variants")
    void scoresEqualTheSavedNets(DType dtype, Normalization norm, boolean vanilla) throws IOException {
        FullyConnectedNet net = trainedNet(dtype, norm, 0.6, vanilla, 1e-3);
        Path file = tmp.resolve("model.npz");
        ModelFile.write(file, ModelFile.of(net));
        InferenceModel model = InferenceModel.load(file);
        assertThat(model.dropoutMode()).isEqualTo(vanilla ? DropoutMode.VANILLA : DropoutMode.INVERTED);
        assertThat(model.keepProb()).isEqualTo(0.6);
        assertThat(model.normalization()).isEqualTo(norm);
        assertThat(model.precision()).isEqualTo(dtype);
        assertThat(model.hasMeanImage()).isFalse();
        assertThat(model.meanImage()).isNull();
        Tensor x = input(dtype, 6, 5);
        double[] want = net.loss(x).toDoubleArray();
        double[] got = dtype == DType.FLOAT32 ? TestNets.toDoubles(model.scores(x.floats(), 6))
                : model.scores(x.doubles(), 6);
        double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("score %d: %s vs net %s", i, got[i], want[i])
                    .isLessThanOrEqualTo(tol * (1 + Math.abs(want[i])));
        }
    }

    @Test
    void vanillaNetsFileLoadsAsVanillaWhileItsBareParametersLoadAsInverted() throws IOException {
        FullyConnectedNet net = trainedNet(DType.FLOAT32, Normalization.NONE, 0.5, true, 1e-5);
        Path file = tmp.resolve("vanilla.npz");
        ModelFile.write(file, ModelFile.of(net));
        InferenceModel model = InferenceModel.load(file);
        assertThat(model.dropoutMode()).isEqualTo(DropoutMode.VANILLA);
        assertThat(model.keepProb()).isEqualTo(0.5);
        assertThat(model.toString()).isEqualTo("InferenceModel[10, 8, 6, 5] float32 vanilla dropout p=0.5");

        // the same parameters without the metadata: a plain numpy file, today's behaviour
        Map<String, NpyArray> bare = new LinkedHashMap<>(Npz.read(file));
        bare.remove(ModelFile.VERSION_ARRAY);
        bare.remove(ModelFile.JSON_ARRAY);
        Path plain = tmp.resolve("plain.npz");
        Npz.write(plain, bare);
        InferenceModel inverted = InferenceModel.load(plain);
        assertThat(inverted.dropoutMode()).isEqualTo(DropoutMode.INVERTED);
        float[] x = input(DType.FLOAT32, 1, 0).floats();
        assertThat(inverted.scores(x, 1)).isNotEqualTo(model.scores(x, 1));
    }

    @Test
    void meanImageIsKeptAndFromModelFileAgrees() throws IOException {
        FullyConnectedNet net = trainedNet(DType.FLOAT64, Normalization.BATCHNORM, 1, false, 1e-5);
        double[] mean = new double[D];
        for (int i = 0; i < D; i++) {
            mean[i] = 120 + i;
        }
        Path file = tmp.resolve("m.npz");
        ModelFile mf = ModelFile.of(net).withMeanImage(mean);
        ModelFile.write(file, mf);
        InferenceModel model = InferenceModel.load(file);
        assertThat(model.meanImage()).containsExactly(mean);
        assertThat(model.dropoutMode()).isEqualTo(DropoutMode.INVERTED);
        InferenceModel direct = InferenceModel.from(mf);
        double[] x = input(DType.FLOAT64, 3, 1).doubles();
        assertThat(direct.scores(x, 3)).containsExactly(model.scores(x, 3));
        assertThat(direct.meanImage()).containsExactly(mean);
        assertThat(InferenceModel.load(file, Normalization.BATCHNORM).normalization()).isEqualTo(Normalization.BATCHNORM);
    }

    @Test
    void hintsThatDisagreeWithTheFileNameIt() throws IOException {
        FullyConnectedNet net = trainedNet(DType.FLOAT32, Normalization.LAYERNORM, 1, false, 1e-5);
        Path file = tmp.resolve("ln.npz");
        ModelFile.write(file, ModelFile.of(net));
        assertThatThrownBy(() -> InferenceModel.load(file, Normalization.BATCHNORM)).isInstanceOf(DataException.class)
                .hasMessage(file + ": normalization BATCHNORM was asked for, but the model file says LAYERNORM "
                        + "(vecnn_model_json)");
        assertThatThrownBy(() -> InferenceModel.load(file, null, "best_")).isInstanceOf(DataException.class)
                .hasMessage(file + ": a vecnn model file holds one set of parameters under the plain names "
                        + "(W1, b1, ...), so prefix \"best_\" does not apply; load it without one");
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(file));
        arrays.remove("gamma2");
        Npz.write(file, arrays);
        assertThatThrownBy(() -> InferenceModel.load(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": missing array gamma2 (expected float32 of shape (6,))");
    }

    // ---- rows and raw images ----

    static InferenceModel smallModel(boolean asFloat) {
        int[] dims = {12, 9, 4};
        return TestNets.builder(TestNets.randomParams(5, dims, Normalization.NONE), dims, asFloat).build();
    }

    @Test
    void predictRowsEqualsRowByRow() {
        InferenceModel model = smallModel(true);
        float[][] rows = new float[300][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = TestNets.gaussianFloats(i, 12);
        }
        int[] labels = model.predict(rows);
        assertThat(labels).hasSize(300);
        for (int i = 0; i < rows.length; i++) {
            assertThat(labels[i]).as("row %d", i).isEqualTo(model.predict(rows[i]));
        }
        assertThat(model.predict(new float[0][])).isEmpty();
        assertThatThrownBy(() -> model.predict((float[][]) null)).hasMessage("rows must not be null");
        float[][] bad = {new float[12], new float[11]};
        assertThatThrownBy(() -> model.predict(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows[1] must hold inputDim = 12 values, got 11");
        float[][] missing = {new float[12], null};
        assertThatThrownBy(() -> model.predict(missing)).hasMessage("rows[1] must not be null");
    }

    @Test
    void predictImageSubtractsTheMeanInTheModelsPrecision() {
        for (boolean asFloat : new boolean[] {true, false}) {
            InferenceModel bare = smallModel(asFloat);
            double[] mean = new double[12];
            for (int j = 0; j < 12; j++) {
                mean[j] = 127.3 + j * 0.37;
            }
            InferenceModel model = bare.withMeanImage(mean);
            assertThat(bare.hasMeanImage()).isFalse();
            for (int seed = 0; seed < 40; seed++) {
                byte[] rgb = new byte[12];
                new java.util.Random(seed).nextBytes(rgb);
                float[] rowF = new float[12];
                double[] rowD = new double[12];
                for (int j = 0; j < 12; j++) {
                    rowD[j] = (rgb[j] & 0xFF) - mean[j];
                    rowF[j] = (float) rowD[j];
                }
                int want = asFloat ? model.predict(rowF) : model.predict(rowD);
                assertThat(model.predictImage(rgb)).as("image %d", seed).isEqualTo(want);
            }
            assertThatThrownBy(() -> bare.predictImage(new byte[12])).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("this model has no mean image to subtract from raw images: save the net "
                            + "with ModelFile.of(net).withMeanImage(data.meanImage())");
            assertThatThrownBy(() -> model.predictImage(new byte[3072])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rgb must hold inputDim = 12 bytes (CIFAR-10: 3072 = 1024 red, 1024 green, 1024 blue, "
                            + "each 32 rows of 32 pixels), got 3072");
            assertThatThrownBy(() -> model.predictImage(null)).hasMessage("rgb must not be null");
            assertThatThrownBy(() -> bare.withMeanImage(new double[3])).hasMessage("meanImage must hold inputDim = 12 values, got 3");
            assertThat(model.withMeanImage(null).hasMeanImage()).isFalse();
        }
    }
}
