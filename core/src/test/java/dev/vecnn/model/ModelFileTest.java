package dev.vecnn.model;

import dev.vecnn.io.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import dev.vecnn.layers.Normalization;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFileTest {
    @TempDir
    Path tmp;

    static final int D = 12;
    static final int[] HIDDEN = {7, 5};
    static final int C = 4;

    /** A small net, trained for two steps so weights and batchnorm running statistics are not the initial ones. */
    static FullyConnectedNet trainedNet(DType dtype, Normalization norm, double keepProb, boolean vanilla) {
        NumpyRandom.seed(7);
        FullyConnectedNet net = FullyConnectedNet.builder(HIDDEN).inputDim(D).numClasses(C).dtype(dtype)
                .normalization(norm).dropout(keepProb).vanillaDropout(vanilla).weightScale(0.3).reg(0.01).build();
        Tensor x = input(dtype, 9);
        int[] y = {0, 1, 2, 3, 0, 1, 2, 3, 1};
        for (int step = 0; step < 2; step++) {
            LossAndGrads lg = net.loss(x, y);
            for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
                Tensor p = e.getValue();
                Tensor g = lg.grads().get(e.getKey());
                for (int i = 0; i < p.size(); i++) {
                    p.set(i, p.get(i) - 0.1 * g.get(i));
                }
            }
        }
        return net;
    }

    static Tensor input(DType dtype, int rows) {
        double[] v = new double[rows * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i * 0.7) * 2;
        }
        return Tensor.fromDoubles(dtype, v, rows, D);
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Normalization norm : Normalization.values()) {
                out.add(Arguments.of(dtype, norm, 0.5, false));
                out.add(Arguments.of(dtype, norm, 0.75, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} keep p {2} vanilla {3}")
    @MethodSource("variants")
    void roundTripKeepsEverything(DType dtype, Normalization norm, double keepProb, boolean vanilla) throws IOException {
        FullyConnectedNet net = trainedNet(dtype, norm, keepProb, vanilla);
        double[] mean = new double[D];
        for (int i = 0; i < D; i++) {
            mean[i] = 100 + i / 3.0;
        }
        Path file = tmp.resolve("model.npz");
        ModelFile.write(file, ModelFile.of(net).withMeanImage(mean));
        assertThat(tmp.toFile().list()).containsExactly("model.npz"); // no temporary file left behind

        ModelFile back = ModelFile.read(file);
        assertThat(back.inputDim()).isEqualTo(D);
        assertThat(back.hiddenDims()).containsExactly(HIDDEN);
        assertThat(back.numClasses()).isEqualTo(C);
        assertThat(back.layerDims()).containsExactly(D, 7, 5, C);
        assertThat(back.dtype()).isEqualTo(dtype);
        assertThat(back.normalization()).isEqualTo(norm);
        assertThat(back.normEps()).isEqualTo(1e-5);
        assertThat(back.normMomentum()).isEqualTo(0.9);
        assertThat(back.keepProb()).isEqualTo(keepProb);
        assertThat(back.invertedDropout()).isEqualTo(!vanilla);
        assertThat(back.dropoutSeed()).isEmpty();
        assertThat(back.maskSource()).isEqualTo(MaskSource.NUMPY);
        assertThat(back.reg()).isEqualTo(0.01);
        assertThat(back.meanImage()).containsExactly(mean);
        assertSameTensors(back.params(), net.params());
        Map<String, Tensor> running = new LinkedHashMap<>(net.buffers());
        assertSameTensors(back.runningStats(), running);
        assertThat(back.runningStats()).hasSize(norm == Normalization.BATCHNORM ? 4 : 0);

        dev.vecnn.random.MT19937State before = dev.vecnn.random.NumpyRandom.global().getState();
        FullyConnectedNet again = back.toNet();
        assertThat(dev.vecnn.random.NumpyRandom.global().getState()).as("toNet draws nothing").isEqualTo(before);
        net.save(tmp.resolve("saved.npz"));
        FullyConnectedNet loaded = FullyConnectedNet.load(tmp.resolve("saved.npz"));
        assertSameTensors(loaded.params(), net.params());
        assertThat(again.dtype()).isEqualTo(dtype);
        assertThat(again.normalization()).isEqualTo(norm);
        assertThat(again.dropoutParam().p()).isEqualTo(keepProb);
        assertThat(again.dropoutParam().isInverted()).isEqualTo(!vanilla);
        assertThat(again.reg()).isEqualTo(0.01);
        assertSameTensors(again.params(), net.params());
        Tensor x = input(dtype, 5);
        assertThat(again.loss(x).toDoubleArray()).containsExactly(net.loss(x).toDoubleArray());
    }

    @Test
    void epsMomentumSeedAndCounterMasksSurvive() throws IOException {
        FullyConnectedNet net = FullyConnectedNet.builder(6).inputDim(5).numClasses(3).dtype(DType.FLOAT64)
                .normalization(Normalization.LAYERNORM).dropout(0.9).seed(42).maskSource(MaskSource.COUNTER).build();
        for (var bn : net.bnParams()) {
            bn.eps(1e-3).momentum(0.8);
        }
        Path file = tmp.resolve("m.npz");
        ModelFile.write(file, ModelFile.of(net));
        ModelFile back = ModelFile.read(file);
        assertThat(back.normEps()).isEqualTo(1e-3);
        assertThat(back.normMomentum()).isEqualTo(0.8);
        assertThat(back.dropoutSeed()).hasValue(42);
        assertThat(back.maskSource()).isEqualTo(MaskSource.COUNTER);
        assertThat(back.hasMeanImage()).isFalse();
        FullyConnectedNet again = back.toNet();
        assertThat(again.bnParams().get(0).eps()).isEqualTo(1e-3);
        assertThat(again.bnParams().get(0).momentum()).isEqualTo(0.8);
        assertThat(again.maskKey()).isEqualTo(42);
        assertThat(back.toString()).isEqualTo("ModelFile[5-6-3 float64 layernorm eps=0.001, inverted dropout keep p=0.9]");
    }

    @Test
    void snapshotIsACopy() {
        FullyConnectedNet net = trainedNet(DType.FLOAT32, Normalization.NONE, 1, false);
        ModelFile file = ModelFile.of(net);
        double before = file.params().get("W1").get(0);
        net.params().get("W1").set(0, 1234);
        file.params().get("W1").set(0, 99);
        assertThat(file.params().get("W1").get(0)).isEqualTo(before);
    }

    @Test
    void untrainedBatchnormNetOrWrongMeanImageIsRefused() {
        FullyConnectedNet bn = FullyConnectedNet.builder(4).inputDim(3).numClasses(2)
                .normalization(Normalization.BATCHNORM).build();
        assertThatThrownBy(() -> ModelFile.of(bn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchnorm layer 1 has no running statistics yet (running_mean1): train the net, "
                        + "or set them, before saving it");
        ModelFile plain = ModelFile.of(FullyConnectedNet.builder(4).inputDim(3).numClasses(2).build());
        assertThatThrownBy(() -> plain.withMeanImage(new double[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meanImage must hold inputDim = 3 values, got 5");
        assertThatThrownBy(() -> plain.withMeanImage(new double[] {1, Double.NaN, 2}))
                .hasMessage("meanImage must hold finite values, got NaN at flat index 1");
        assertThat(plain.withMeanImage(new double[3]).withMeanImage(null).hasMeanImage()).isFalse();
    }

    // ---- what numpy users see, and files numpy writes ----

    @Test
    void numpyReadsTheLayout() throws Exception {
        assumeNumpy();
        FullyConnectedNet net = trainedNet(DType.FLOAT32, Normalization.BATCHNORM, 0.75, true);
        double[] mean = new double[D];
        Arrays.fill(mean, 120.5);
        Path file = tmp.resolve("for_numpy.npz");
        ModelFile.write(file, ModelFile.of(net).withMeanImage(mean));
        String out = python("import json, sys, numpy as np\n"
                + "z = np.load(sys.argv[1])\n"
                + "meta = json.loads(bytes(z['vecnn_model_json']).decode())\n"
                + "assert z['vecnn_model_version'] == 1 and z['vecnn_model_version'].dtype == np.int64\n"
                + "assert meta['hidden_dims'] == [7, 5] and meta['input_dim'] == 12 and meta['num_classes'] == 4\n"
                + "assert meta['dtype'] == 'float32' and z['W1'].dtype == np.float32 and z['W1'].shape == (12, 7)\n"
                + "assert meta['normalization'] == 'batchnorm' and meta['norm_eps'] == 1e-5\n"
                + "assert meta['dropout_mode'] == 'vanilla' and meta['dropout_keep_p'] == 0.75\n"
                + "assert meta['dropout_seed'] is None and meta['mask_source'] == 'numpy' and meta['reg'] == 0.01\n"
                + "assert z['mean_image'].dtype == np.float64 and (z['mean_image'] == 120.5).all()\n"
                + "print(' '.join(sorted(z.files)))\n"
                + "print(repr(float(z['W2'][3, 1])), repr(float(z['running_var2'][4])))\n", file.toString());
        String[] lines = out.strip().split("\n");
        assertThat(lines[0]).isEqualTo("W1 W2 W3 b1 b2 b3 beta1 beta2 gamma1 gamma2 mean_image running_mean1 "
                + "running_mean2 running_var1 running_var2 vecnn_model_json vecnn_model_version");
        assertThat(lines[1]).isEqualTo((double) net.param("W2").floats()[3 * 5 + 1] + " "
                + (double) net.buffers().get("running_var2").floats()[4]);
    }

    @Test
    void readsAFileNumpyWrote() throws Exception {
        assumeNumpy();
        Path file = tmp.resolve("from_numpy.npz");
        python("import json, sys, numpy as np\n"
                + "rng = np.random.RandomState(3)\n"
                + "p = {'W1': rng.randn(6, 4), 'b1': rng.randn(4), 'gamma1': 1 + rng.randn(4) / 5, 'beta1': rng.randn(4),\n"
                + "     'W2': rng.randn(4, 3), 'b2': rng.randn(3)}\n"
                + "meta = dict(input_dim=6, hidden_dims=[4], num_classes=3, dtype='float64', normalization='layernorm',\n"
                + "            norm_eps=1e-4, norm_momentum=0.9, dropout_keep_p=0.6, dropout_mode='vanilla',\n"
                + "            dropout_seed=None, mask_source='numpy', reg=0)\n"
                + "np.savez_compressed(sys.argv[1], vecnn_model_version=np.int64(1),\n"
                + "    vecnn_model_json=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),\n"
                + "    mean_image=np.arange(6, dtype=np.float32).reshape(1, 6), notes=np.zeros(2), **p)\n", file.toString());
        ModelFile m = ModelFile.read(file);
        assertThat(m.layerDims()).containsExactly(6, 4, 3);
        assertThat(m.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(m.normalization()).isEqualTo(Normalization.LAYERNORM);
        assertThat(m.normEps()).isEqualTo(1e-4);
        assertThat(m.keepProb()).isEqualTo(0.6);
        assertThat(m.invertedDropout()).isFalse();
        assertThat(m.reg()).isEqualTo(0.0);
        assertThat(m.meanImage()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(m.params()).containsOnlyKeys("W1", "b1", "gamma1", "beta1", "W2", "b2");
        FullyConnectedNet net = m.toNet();
        assertThat(net.dropoutParam().isInverted()).isFalse();
        assertThat(net.bnParams().get(0).eps()).isEqualTo(1e-4);
    }

    // ---- bad files ----

    Map<String, NpyArray> goodArrays() {
        return ModelFile.of(trainedNet(DType.FLOAT32, Normalization.BATCHNORM, 0.5, false))
                .withMeanImage(new double[D]).toArrays();
    }

    Path writeArrays(Map<String, NpyArray> arrays) throws IOException {
        Path file = tmp.resolve("bad.npz");
        Npz.write(file, arrays);
        return file;
    }

    static NpyArray json(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return NpyArray.ofUnsignedBytes(b, b.length);
    }

    String goodJson() {
        return new String(goodArrays().get("vecnn_model_json").unsignedBytes(), StandardCharsets.UTF_8);
    }

    void assertBad(Map<String, NpyArray> arrays, String message) throws IOException {
        Path file = writeArrays(arrays);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void missingOrWrongVersion() throws IOException {
        Map<String, NpyArray> a = goodArrays();
        a.remove("vecnn_model_version");
        assertBad(a, "not a vecnn model file: no array vecnn_model_version (ModelFile.write puts it there; "
                + "plain numpy parameter files load with dev.vecnn.infer.InferenceModel.load)");
        a.put("vecnn_model_version", NpyArray.of(new long[] {2}));
        assertBad(a, "vecnn_model_version is 2, this vecnn reads version 1 (the file was written by a newer vecnn)");
        a.put("vecnn_model_version", NpyArray.vector(1.0));
        assertBad(a, "vecnn_model_version must be one int64, got NpyArray[<f8 [1]]");
    }

    @Test
    void missingOrBadJson() throws IOException {
        Map<String, NpyArray> a = goodArrays();
        a.remove("vecnn_model_json");
        assertBad(a, "missing array vecnn_model_json (the architecture as UTF-8 JSON)");
        a.put("vecnn_model_json", json("{\"input_dim\": 12,"));
        assertBad(a, "vecnn_model_json: not valid JSON: the text ends where a \"key\" should be at character 17");
        a.put("vecnn_model_json", NpyArray.ofUnsignedBytes(new byte[] {'{', (byte) 0xC3, '}'}, 3));
        assertThatThrownBy(() -> ModelFile.read(writeArrays(a))).isInstanceOf(DataException.class)
                .hasMessageContaining("vecnn_model_json: not valid UTF-8 text");
        a.put("vecnn_model_json", json("[1, 2]"));
        assertBad(a, "vecnn_model_json: must be a JSON object {...}, got [1, 2]");
        a.put("vecnn_model_json", NpyArray.of(new float[] {1}, 1));
        assertBad(a, "vecnn_model_json must be a 1-d uint8 array (UTF-8 text), got NpyArray[<f4 [1]]");

        String good = goodJson();
        a.put("vecnn_model_json", json(good.replace("\"inverted\"", "\"upside-down\"")));
        assertBad(a, "vecnn_model_json: dropout_mode must be \"inverted\" or \"vanilla\", got \"upside-down\"");
        a.put("vecnn_model_json", json(good.replace("\"dropout_keep_p\": 0.5", "\"dropout_keep_p\": 0")));
        assertBad(a, "vecnn_model_json: dropout_keep_p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 0");
        a.put("vecnn_model_json", json(good.replace("\"dropout_keep_p\"", "\"dropout\"")));
        assertThatThrownBy(() -> ModelFile.read(writeArrays(a))).isInstanceOf(DataException.class)
                .hasMessageContaining("vecnn_model_json: unknown key \"dropout\"; the keys are [input_dim,");
        a.put("vecnn_model_json", json(good.replace("\"input_dim\": 12", "\"input_dim\": 12.5")));
        assertBad(a, "vecnn_model_json: input_dim must be a positive integer, got 12.5");
        a.put("vecnn_model_json", json(good.replace("\"reg\": 0.01,", "").replace(",\n  \"reg\": 0.01", "")));
        assertThatThrownBy(() -> ModelFile.read(writeArrays(a))).isInstanceOf(DataException.class)
                .hasMessageContaining("vecnn_model_json: missing key \"reg\"");
    }

    @Test
    void missingWrongOrUnexpectedArrays() throws IOException {
        Map<String, NpyArray> a = goodArrays();
        a.remove("W2");
        assertBad(a, "missing array W2 (expected float32 of shape (7, 5))");
        a = goodArrays();
        a.put("b3", NpyArray.of(new double[C], C));
        assertBad(a, "array b3 must be float32 of shape (4,) (the architecture in vecnn_model_json), got float64 of shape (4,)");
        a = goodArrays();
        a.put("W1", NpyArray.of(new float[D * 6], D, 6));
        assertBad(a, "array W1 must be float32 of shape (12, 7) (the architecture in vecnn_model_json), "
                + "got float32 of shape (12, 6)");
        a = goodArrays();
        a.remove("running_var2");
        assertBad(a, "missing array running_var2 (expected float32 of shape (5,))");
        a = goodArrays();
        float[] var = a.get("running_var1").floats().clone();
        var[2] = -1;
        a.put("running_var1", NpyArray.of(var, var.length));
        assertBad(a, "array running_var1 holds variances, which must be >= 0, got -1.0 at flat index 2");
        a = goodArrays();
        float[] w = a.get("W3").floats().clone();
        w[7] = Float.NaN;
        a.put("W3", NpyArray.of(w, 5, C));
        assertBad(a, "array W3 must hold finite values, got NaN at flat index 7");
        Map<String, NpyArray> extra = goodArrays();
        extra.put("gamma3", NpyArray.of(new float[C], C));
        assertThatThrownBy(() -> ModelFile.read(writeArrays(extra))).isInstanceOf(DataException.class)
                .hasMessageContaining("unexpected array gamma3: the architecture in vecnn_model_json "
                        + "(12-7-5-4 float32 batchnorm eps=1.0E-5, inverted dropout keep p=0.5) has the arrays [W1, b1,");
        Map<String, NpyArray> b = goodArrays();
        b.put("mean_image", NpyArray.of(new double[D + 1], D + 1));
        assertBad(b, "array mean_image must hold inputDim = 12 values, got 13");
        b.put("mean_image", NpyArray.of(new long[D], D));
        assertBad(b, "array mean_image must be float64 or float32, got int64 of shape (12,)");
    }

    @Test
    void truncatedOrNotAnNpz() throws IOException {
        Path good = tmp.resolve("good.npz");
        Npz.write(good, goodArrays());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.read(cut)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(cut.toString());
        Path text = tmp.resolve("text.npz");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> ModelFile.read(text)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(text + ": not an .npz file");
    }

    @Test
    void jsonParserCorners() {
        assertThat(Json.parse(" {\"a\": [1, -2.5e1, true, null, \"x\\u0041\\n\"], \"b\": {}} "))
                .isEqualTo(new LinkedHashMap<>(Map.of("a", Arrays.asList(1L, -25.0, true, null, "xA\n"), "b", Map.of())));
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "01", "1.", "-", "\"abc", "{\"a\":1,\"a\":2}", "nul", "1 2")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not valid JSON: ");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\t\u0001");
        m.put("d", 1e-5);
        m.put("i", new int[] {1, 2});
        m.put("n", null);
        assertThat(Json.parse(Json.write(m)).toString()).isEqualTo("{s=q\"\\\t\u0001, d=1.0E-5, i=[1, 2], n=null}");
    }

    // ---- python ----

    private static Boolean numpy;

    static synchronized void assumeNumpy() {
        if (numpy == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
                numpy = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                numpy = false;
            }
        }
        assumeTrue(numpy, "python3 with numpy is not installed: numpy cross-check skipped");
    }

    static String python(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3 failed:\n" + out);
        }
        return out;
    }

    static void assertSameTensors(Map<String, Tensor> got, Map<String, Tensor> want) {
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        for (String k : want.keySet()) {
            assertThat(got.get(k).dtype()).as(k).isEqualTo(want.get(k).dtype());
            assertThat(got.get(k).shape()).as(k).containsExactly(want.get(k).shape());
            assertThat(got.get(k).toDoubleArray()).as(k).containsExactly(want.get(k).toDoubleArray());
        }
    }
}
