package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.ClassNames;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.tensor.DType;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model file loaded from a path, a stream, bytes and a class-path resource gives the same
 * model (scores bit for bit, class names, mean image); class names are stored, read back and
 * checked; files without names load with the labels as names; what is not a model file is
 * refused naming the source.
 */
class LoadFromAnywhereTest {
    @TempDir
    Path tmp;

    static final List<String> NAMES = List.of("ant", "bee", "cat", "dog", "eel");

    private static ModelFile modelFile() {
        FullyConnectedNet net = ModelFileLoadTest.trainedNet(DType.FLOAT32, Normalization.BATCHNORM, 1, false, 1e-5);
        double[] mean = new double[ModelFileLoadTest.D];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 0.25 * i;
        }
        return ModelFile.of(net).withMeanImage(mean).withClassNames(NAMES);
    }

    @Test
    void pathStreamBytesAndResourceGiveTheSameModel() throws Exception {
        Path file = tmp.resolve("m.npz");
        ModelFile.write(file, modelFile());
        byte[] bytes = Files.readAllBytes(file);
        Path resourceDir = Path.of(LoadFromAnywhereTest.class.getResource("").toURI());
        Files.write(resourceDir.resolve("load-from-anywhere.npz"), bytes);

        InferenceModel fromPath = InferenceModel.load(file);
        InferenceModel fromStream;
        try (InputStream in = Files.newInputStream(file)) {
            fromStream = InferenceModel.load(in, "m.npz");
        }
        InferenceModel fromBytes = InferenceModel.load(bytes, "m.npz");
        InferenceModel fromResource = InferenceModel.loadResource(LoadFromAnywhereTest.class, "load-from-anywhere.npz");
        InferenceModel fromRootResource = InferenceModel.loadResource(Test.class,
                "/dev/vecnn/infer/load-from-anywhere.npz");
        float[] x = ModelFileLoadTest.input(DType.FLOAT32, 7, 3).floats();
        float[] expected = fromPath.scores(x, 7);
        for (InferenceModel m : List.of(fromStream, fromBytes, fromResource, fromRootResource)) {
            assertThat(m.scores(x, 7)).containsExactly(expected);
            assertThat(m.classNames()).isEqualTo(NAMES);
            assertThat(m.hasClassNames()).isTrue();
            assertThat(m.meanImage()).containsExactly(fromPath.meanImage());
            assertThat(m.normalization()).isEqualTo(Normalization.BATCHNORM);
        }
        assertThat(fromPath.classify(java.util.Arrays.copyOf(x, ModelFileLoadTest.D)).name())
                .isEqualTo(NAMES.get(fromPath.predict(x, 0)));
    }

    @Test
    void anOnnxExportLoadsThroughTheSameEntryPointWithItsClassNames() throws Exception {
        InferenceModel model = InferenceModel.from(modelFile());
        byte[] onnx = model.toOnnx(OnnxExportOptions.defaults().withMeanImage(false));
        Path file = tmp.resolve("m.onnx");
        Files.write(file, onnx);
        for (InferenceModel back : List.of(InferenceModel.load(file), InferenceModel.load(onnx, "m.onnx"),
                InferenceModel.load(new ByteArrayInputStream(onnx), "m.onnx"))) {
            assertThat(back.classNames()).isEqualTo(NAMES);
            float[] x = ModelFileLoadTest.input(DType.FLOAT32, 3, 1).floats();
            assertThat(back.scores(x, 3)).containsExactly(model.scores(x, 3));
        }
        assertThatThrownBy(() -> InferenceModel.load(file, Normalization.BATCHNORM))
                .isInstanceOf(DataException.class).hasMessageContaining("an ONNX model says its layers itself");
    }

    @Test
    void classNamesRoundTripThroughTheFileAsAJsonListNumpyCanRead() throws Exception {
        Path file = tmp.resolve("m.npz");
        ModelFile.write(file, modelFile());
        ModelFile back = ModelFile.read(file);
        assertThat(back.hasClassNames()).isTrue();
        assertThat(back.classNames()).isEqualTo(NAMES);
        Map<String, NpyArray> arrays = Npz.read(file);
        assertThat(new String(arrays.get("class_names").unsignedBytes(), StandardCharsets.UTF_8))
                .isEqualTo("[\"ant\",\"bee\",\"cat\",\"dog\",\"eel\"]");
        assertThat(back.toString()).endsWith(", mean image, class names]");
    }

    @Test
    void filesWithoutNamesLoadWithTheLabelsAsNames() throws Exception {
        Path file = tmp.resolve("old.npz");
        ModelFile.write(file, modelFile().withClassNames(null));
        assertThat(Npz.read(file)).doesNotContainKey("class_names");
        InferenceModel m = InferenceModel.load(file);
        assertThat(m.hasClassNames()).isFalse();
        assertThat(m.classNames()).containsExactly("0", "1", "2", "3", "4");
        assertThat(ModelFile.read(file).classNames()).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void aNumpyParameterFileMayCarryNamesToo() throws Exception {
        Path file = tmp.resolve("numpy.npz");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", NpyArray.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2));
        arrays.put("b1", NpyArray.of(new float[] {0, 0}, 2));
        byte[] names = ClassNames.encode(List.of("no", "yes"));
        arrays.put("class_names", NpyArray.ofUnsignedBytes(names, names.length));
        Npz.write(file, arrays);
        InferenceModel m = InferenceModel.load(file);
        assertThat(m.classNames()).containsExactly("no", "yes");
        assertThat(m.classify(new float[] {0, 2, 1}).name()).isEqualTo("yes");
    }

    @Test
    void badNamesInAFileAreRefusedNamingTheFile() throws Exception {
        Map<String, NpyArray> arrays = modelFile().toArrays();
        byte[] three = "[\"a\",\"b\",\"c\"]".getBytes(StandardCharsets.UTF_8);
        arrays.put("class_names", NpyArray.ofUnsignedBytes(three, three.length));
        Path file = tmp.resolve("bad.npz");
        Npz.write(file, arrays);
        assertThatThrownBy(() -> InferenceModel.load(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": class_names must hold one name per class, numClasses = 5, got 3 names");
        arrays.put("class_names", NpyArray.of(new float[] {1, 2, 3, 4, 5}, 5));
        Npz.write(file, arrays);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": class_names must be a 1-d uint8 array (a UTF-8 JSON list of names), got float32 "
                        + "of shape (5,)");
        byte[] notJson = "ant bee".getBytes(StandardCharsets.UTF_8);
        arrays.put("class_names", NpyArray.ofUnsignedBytes(notJson, notJson.length));
        Npz.write(file, arrays);
        assertThatThrownBy(() -> InferenceModel.load(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": class_names must be a JSON list of strings");
    }

    @Test
    void whatIsNotAModelIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> InferenceModel.load(new byte[0], "empty.npz")).isInstanceOf(DataException.class)
                .hasMessage("empty.npz: empty (0 bytes): not a model file");
        assertThatThrownBy(() -> InferenceModel.load("hello".getBytes(StandardCharsets.US_ASCII), "hello.txt"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("hello.txt: not a model file vecnn reads: expected an .npz")
                .hasMessageEndingWith("got bytes 68 65 6c 6c");
        assertThatThrownBy(() -> InferenceModel.load(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 0}), null))
                .isInstanceOf(DataException.class).hasMessageStartingWith("(stream): missing parameter W1");
        assertThatThrownBy(() -> InferenceModel.loadResource(LoadFromAnywhereTest.class, "no-such-model.npz"))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageStartingWith("resource no-such-model.npz (beside dev.vecnn.infer.LoadFromAnywhereTest) not found");
        assertThatThrownBy(() -> InferenceModel.load((byte[]) null, "x")).hasMessage("bytes must not be null");
    }
}
