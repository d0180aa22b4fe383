package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.infer.InferenceModel;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vecnn export}: a model file in, an ONNX file out that reads back as the same model. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsAModelFileThatReadsBackWithTheSameScores() throws Exception {
        FullyConnectedNet net = FullyConnectedNet.builder(7).inputDim(12).numClasses(4)
                .normalization(Normalization.BATCHNORM).dropout(0.5).vanillaDropout(true)
                .random(new NumpyRandom(3)).build();
        Random r = new Random(4);
        float[] x = new float[5 * 12];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        net.loss(Tensor.of(x, 5, 12), new int[] {0, 1, 2, 3, 0});   // train mode once: running statistics
        double[] mean = new double[12];
        for (int i = 0; i < 12; i++) mean[i] = i / 3.0;
        Path model = dir.resolve("best_model.npz");
        ModelFile.write(model, ModelFile.of(net).withMeanImage(mean));
        Path onnx = dir.resolve("model.onnx");

        MainTest.Result res = MainTest.run("export", "--onnx", onnx.toString(), "--model", model.toString());

        assertThat(res.status).as(res.err).isZero();
        assertThat(res.out).startsWith("wrote " + onnx + " (").contains("opset 17")
                .contains("input  pixels: raw values, N x 12 (the graph subtracts the mean image)")
                .contains("output scores: N x 4");
        InferenceModel original = InferenceModel.load(model);
        InferenceModel back = InferenceModel.fromOnnx(onnx);
        assertThat(back.scores(x, 5)).containsExactly(original.scores(x, 5));
        double[] rounded = original.meanImage();   // a float32 graph subtracts a float32 mean image
        for (int i = 0; i < rounded.length; i++) rounded[i] = (float) rounded[i];
        assertThat(back.meanImage()).containsExactly(rounded);
        assertThat(back.keepProb()).isEqualTo(0.5);
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();

        MainTest.Result rows = MainTest.run("export", "--onnx", onnx.toString(), "--model", model.toString(),
                "--no-mean-image", "--softmax");
        assertThat(rows.out).contains("input  x: preprocessed rows, N x 12").contains("output probabilities: N x 4");
    }

    @Test
    void bothFilesAreRequired() {
        MainTest.assertOneLineError(MainTest.run("export", "--model", "m.npz"), 2, "--onnx FILE is required");
        MainTest.assertOneLineError(MainTest.run("export", "--onnx", "m.onnx"), 2, "--model FILE is required");
    }
}
