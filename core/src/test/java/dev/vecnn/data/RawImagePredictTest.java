package dev.vecnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.infer.InferenceModel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's path end to end: a CIFAR-10 record's raw bytes through a saved model file
 * give the label the preprocessed test row gives ({@code Cifar10.load}'s mean subtraction and
 * {@code InferenceModel.predictImage}'s are the same arithmetic).
 */
class RawImagePredictTest {
    @TempDir
    Path tmp;

    @Test
    void rawTestImagesPredictLikeTheirPreprocessedRows() throws IOException {
        CifarFixture f = new CifarFixture(21, new int[] {4, 4, 4, 4, 4}, 12);
        Path dir = f.writeFolder(tmp.resolve("cifar"));
        for (DType dtype : DType.values()) {
            CifarSplits data = Cifar10.load(dir, CifarOptions.defaults().withNumTraining(15).withNumValidation(5)
                    .withNumTest(12).withPrecision(dtype));
            NumpyRandom.seed(3);
            FullyConnectedNet net = FullyConnectedNet.builder(16).dtype(dtype).weightScale(0.05).build();
            Path file = tmp.resolve("model-" + dtype + ".npz");
            ModelFile.write(file, ModelFile.of(net).withMeanImage(data.meanImage()));

            InferenceModel model = InferenceModel.load(file);
            assertThat(model.meanImage()).containsExactly(data.meanImage());
            ImageSplit test = data.test();
            int[] fromRows = new int[12];
            if (dtype == DType.FLOAT32) {
                model.predict(test.floats(), 12, fromRows);
            } else {
                model.predict(test.doubles(), 12, fromRows);
            }
            int[] fromBytes = new int[12];
            for (int i = 0; i < 12; i++) {
                byte[] rgb = Arrays.copyOfRange(f.testRecords[i], 1, Cifar10.RECORD_BYTES); // drop the label byte
                fromBytes[i] = model.predictImage(rgb);
            }
            assertThat(fromBytes).as("%s", dtype).containsExactly(fromRows);
            assertThat(Arrays.stream(fromRows).distinct().count()).as("the net tells the images apart").isGreaterThan(1);
        }
    }
}
