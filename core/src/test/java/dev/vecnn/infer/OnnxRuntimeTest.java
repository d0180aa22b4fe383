package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vecnn.data.Cifar10;
import dev.vecnn.data.CifarOptions;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * vecnn → ONNX → ONNX Runtime, for every configuration the engine runs: depth 1-3, each
 * normalization, each dropout mode (none, inverted, vanilla), float32 and float64. Each net is
 * trained for one epoch on 500 CIFAR-10 images, exported, and run by ONNX Runtime (its Java
 * artifact, test scope) on the 1000 validation images: the same top-1 label for every image and
 * scores within 1e-5 (float32; 1e-9 float64) relative to the row's largest score. Both graph
 * inputs are checked: raw pixels through the exported Sub of the mean image, and preprocessed rows.
 * The exported file read back by vecnn gives the model's own scores, bit for bit.
 * Skipped when the shared CIFAR-10 archive is absent (system property vecnn.sharedData).
 */
class OnnxRuntimeTest {
    private static final int TRAIN = 500;
    private static final int IMAGES = 1000;
    private static float[] trainX;
    private static int[] trainY;
    private static float[] pixels;     // the 1000 validation images, raw 0..255
    private static double[] mean;      // the training images' mean
    private static OrtEnvironment env;

    @BeforeAll
    static void load() throws Exception {
        String prop = System.getProperty("vecnn.sharedData");
        assumeTrue(prop != null && Files.isRegularFile(Path.of(prop)), "shared CIFAR-10 archive not found ("
                + prop + "): ONNX Runtime checks on CIFAR-10 skipped");
        CifarSplits raw = Cifar10.load(Path.of(prop), CifarOptions.defaults().withNumTraining(TRAIN)
                .withNumValidation(IMAGES).withNumTest(1).withSubtractMean(false));
        int d = 3072;
        float[] train = raw.train().floats();
        mean = new double[d];
        for (int i = 0; i < TRAIN; i++) {
            for (int j = 0; j < d; j++) mean[j] += train[i * d + j];
        }
        for (int j = 0; j < d; j++) mean[j] /= TRAIN;
        trainX = subtractMean(train, TRAIN);
        trainY = raw.train().labels();
        pixels = raw.validation().floats();
        env = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void close() {
        // the environment is a process-wide singleton; nothing to close per test class
    }

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int depth = 1; depth <= 3; depth++) {
                for (Normalization norm : Normalization.values()) {
                    if (depth == 1 && norm != Normalization.NONE) continue;
                    for (String dropout : List.of("none", "inverted", "vanilla")) {
                        all.add(Arguments.of(dtype, depth, norm, dropout));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} depth {1} {2} dropout {3}")
    @MethodSource("configurations")
    void onnxRuntimeAgrees(DType dtype, int depth, Normalization norm, String dropout) throws Exception {
        InferenceModel model = train(dtype, depth, norm, dropout).withMeanImage(mean);
        int classes = model.numClasses();
        float[] x = subtractMean(pixels, IMAGES);
        double[] xd = subtractMeanDouble(pixels, IMAGES);
        double[] vecnn = dtype == DType.FLOAT32 ? scores(model, x) : model.scores(xd, IMAGES);

        byte[] withSub = model.toOnnx();
        byte[] rows = model.toOnnx(OnnxExportOptions.defaults().withMeanImage(false).withSoftmax(true));
        double[] ortFromPixels = runOrt(withSub, "pixels", toDoubles(pixels), dtype);
        double[] ortProbabilities = runOrt(rows, "x", dtype == DType.FLOAT32 ? toDoubles(x) : xd, dtype);
        // float64: ONNX's epsilon attribute is a float, so normalized float64 nets differ in var + eps
        // by about 2.5e-13 (measured: up to 3.4e-10 relative, 1e-15 without normalization)
        double tolerance = dtype == DType.FLOAT32 ? 1e-5 : 1e-9;
        double scoreError = rowRelativeError(vecnn, ortFromPixels, classes);
        double probabilityError = maxAbsError(softmax(vecnn, classes), ortProbabilities);
        report(dtype + " depth " + depth + " " + norm + " dropout " + dropout + ": scores max row-relative error "
                + scoreError + ", probabilities max abs error " + probabilityError);
        assertThat(scoreError).isLessThanOrEqualTo(tolerance);
        assertThat(top1(ortFromPixels, classes)).isEqualTo(top1(vecnn, classes));
        assertThat(top1(ortProbabilities, classes)).isEqualTo(top1(vecnn, classes));
        // softmax turns an absolute score error e into a relative probability error of about e
        assertThat(probabilityError).isLessThanOrEqualTo(dtype == DType.FLOAT32 ? 1e-4 : 1e-9);

        InferenceModel back = InferenceModel.fromOnnx(withSub, "export");
        assertThat(back.layerDims()).isEqualTo(model.layerDims());
        assertThat(back.normalization()).isEqualTo(model.normalization());
        assertThat(back.precision()).isEqualTo(dtype);
        assertThat(back.meanImage()).containsExactly(dtype == DType.FLOAT32 ? asFloats(mean) : mean);
        assertThat(dtype == DType.FLOAT32 ? scores(back, x) : back.scores(xd, IMAGES)).containsExactly(vecnn);
    }

    /** A net of the configuration trained for one epoch (5 Adam steps) on the 500 training images. */
    private static InferenceModel train(DType dtype, int depth, Normalization norm, String dropout) {
        int[] hidden = depth == 1 ? new int[0] : depth == 2 ? new int[] {60} : new int[] {60, 40};
        NumpyRandom rng = new NumpyRandom(231);
        FullyConnectedNet.Builder b = FullyConnectedNet.builder(hidden).dtype(dtype).random(rng).weightScale(1e-2);
        if (depth > 1) b.normalization(norm);
        if (!dropout.equals("none")) b.dropout(0.5).vanillaDropout(dropout.equals("vanilla"));
        FullyConnectedNet net = b.build();
        Tensor xs = Tensor.of(trainX, TRAIN, 3072);
        SolverData data = new SolverData(dtype == DType.FLOAT32 ? xs : xs.astype(DType.FLOAT64), trainY,
                dtype == DType.FLOAT32 ? xs : xs.astype(DType.FLOAT64), trainY);
        Solver.builder(net, data).updateRule("adam").optimConfig(Map.of("learning_rate", 1e-3))
                .numEpochs(1).batchSize(100).random(rng).build().train();
        return InferenceModel.from(net);
    }

    private double[] runOrt(byte[] onnx, String input, double[] x, DType dtype) throws OrtException {
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            long[] shape = {IMAGES, 3072};
            OnnxTensor t;
            if (dtype == DType.FLOAT32) {
                float[] f = new float[x.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) x[i];
                t = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
            } else {
                t = OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), shape);
            }
            try (t; OrtSession.Result r = session.run(Map.of(input, t))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                if (dtype == DType.FLOAT32) {
                    FloatBuffer fb = out.getFloatBuffer();
                    double[] v = new double[fb.remaining()];
                    for (int i = 0; i < v.length; i++) v[i] = fb.get(i);
                    return v;
                }
                DoubleBuffer db = out.getDoubleBuffer();
                double[] v = new double[db.remaining()];
                db.get(v);
                return v;
            }
        }
    }

    private static double[] scores(InferenceModel model, float[] x) {
        if (model.precision() == DType.FLOAT32) {
            float[] s = model.scores(x, IMAGES);
            double[] v = new double[s.length];
            for (int i = 0; i < v.length; i++) v[i] = s[i];
            return v;
        }
        double[] xd = new double[x.length];
        for (int i = 0; i < xd.length; i++) xd[i] = x[i];
        return model.scores(xd, IMAGES);
    }

    /** Rows minus the mean image, in double and rounded once (as Cifar10.load and predictImage do). */
    private static float[] subtractMean(float[] raw, int rows) {
        float[] x = new float[rows * 3072];
        for (int i = 0; i < x.length; i++) x[i] = (float) (raw[i] - mean[i % 3072]);
        return x;
    }

    private static double[] subtractMeanDouble(float[] raw, int rows) {
        double[] x = new double[rows * 3072];
        for (int i = 0; i < x.length; i++) x[i] = raw[i] - mean[i % 3072];
        return x;
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < d.length; i++) d[i] = v[i];
        return d;
    }

    static double maxAbsError(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    /** Appends a line to target/onnx-runtime-report.txt (the figures the README quotes). */
    static synchronized void report(String line) throws java.io.IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "onnx-runtime-report.txt"), line + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Largest |a - b| in a row over the largest |a| in that row, worst row. */
    static double rowRelativeError(double[] a, double[] b, int classes) {
        assertThat(b).hasSameSizeAs(a);
        double worst = 0;
        for (int r = 0; r < a.length / classes; r++) {
            double scale = 0;
            double diff = 0;
            for (int j = 0; j < classes; j++) {
                scale = Math.max(scale, Math.abs(a[r * classes + j]));
                diff = Math.max(diff, Math.abs(a[r * classes + j] - b[r * classes + j]));
            }
            worst = Math.max(worst, diff / Math.max(scale, Double.MIN_NORMAL));
        }
        return worst;
    }

    static int[] top1(double[] s, int classes) {
        int[] labels = new int[s.length / classes];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = InferenceModel.argmax(s, r * classes, classes);
        }
        return labels;
    }

    static double[] softmax(double[] s, int classes) {
        double[] p = new double[s.length];
        for (int r = 0; r < s.length / classes; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) max = Math.max(max, s[r * classes + j]);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += p[r * classes + j] = Math.exp(s[r * classes + j] - max);
            for (int j = 0; j < classes; j++) p[r * classes + j] /= sum;
        }
        return p;
    }

    private static double[] asFloats(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
