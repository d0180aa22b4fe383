package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.io.Json;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vecnn predict} as a user meets it, with a hand-made model whose answers are known: a
 * 3072 -> 3 softmax classifier whose class c scores the mean of colour plane c / 4, so a red
 * image is "red" with probability e^63.75 / (e^63.75 + 2): printed 1.000. Files, folders, stdin,
 * JSON, --top, an unreadable file among good ones, the accuracy by folder names, the refusals.
 */
class PredictCommandTest {
    @TempDir
    Path tmp;
    Path model;

    static final List<String> NAMES = List.of("red", "green", "blue");

    @BeforeEach
    void makeModel() throws Exception {
        float[] w = new float[3072 * 3];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) {
                w[(c * 1024 + p) * 3 + c] = 1f / 4096;
            }
        }
        FullyConnectedNet net = FullyConnectedNet.builder().inputDim(3072).numClasses(3)
                .params(Map.of("W1", Tensor.of(w, 3072, 3), "b1", Tensor.of(new float[3], 3))).build();
        model = tmp.resolve("colours.npz");
        ModelFile.write(model, ModelFile.of(net).withMeanImage(new double[3072]).withClassNames(NAMES));
    }

    static Path image(Path file, int rgb, int width, int height, String format) throws Exception {
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(im, format, file.toFile());
        return file;
    }

    static MainTest.Result predict(String stdin, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "predict";
        System.arraycopy(args, 0, all, 1, args.length);
        int status;
        if (stdin == null) {
            status = Main.run(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        } else {
            status = new PredictCommand().run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        return new MainTest.Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void classifiesFilesAndFoldersPrintingTheTopClassesAndTheAccuracy() throws Exception {
        Path red = image(tmp.resolve("set/red/a.png"), 0xFF0000, 50, 40, "png");
        image(tmp.resolve("set/green/b.jpg"), 0x00FF00, 32, 32, "jpg");
        image(tmp.resolve("set/blue/c.png"), 0x0000FF, 20, 64, "png");
        Files.writeString(tmp.resolve("set/blue/notes.txt"), "not an image, and not named like one");
        MainTest.Result r = predict(null, "--model", model.toString(), tmp.resolve("set").toString());
        assertThat(r.status).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(tmp.resolve("set/blue/c.png") + ":  blue 1.000  red 0.000  green 0.000");
        assertThat(lines.get(1)).startsWith(tmp.resolve("set/green/b.jpg") + ":  green 1.000  "); // JPEG: not quite 0
        assertThat(lines.get(2)).isEqualTo(tmp.resolve("set/red/a.png") + ":  red 1.000  green 0.000  blue 0.000");
        assertThat(r.err).contains("vecnn predict: 3 images in ").contains("decoding ").contains("the net ")
                .contains("vecnn predict: accuracy 1.0000 (3 of 3 images in the class their folder is named after)");

        r = predict(null, "--model", model.toString(), "--top", "1", red.toString());
        assertThat(r.out).isEqualTo(red + ":  red 1.000\n");
        assertThat(r.err).contains("accuracy 1.0000 (1 of 1");
    }

    @Test
    void anOnnxModelPredictsAsItsModelFileDoes() throws Exception {
        // vecnn export, then vecnn predict --model x.onnx: the mean image (a Sub node) and the class
        // names (metadata_props) come back with the graph, so the output is the model file's
        Path onnx = tmp.resolve("colours.onnx");
        MainTest.Result exported = MainTest.run("export", "--onnx", onnx.toString(), "--model", model.toString());
        assertThat(exported.status).as(exported.err).isZero();
        assertThat(exported.out).contains("classes red, green, blue (metadata_props vecnn.class_names)");
        image(tmp.resolve("set/red/a.png"), 0xFF0000, 50, 40, "png");
        image(tmp.resolve("set/green/b.png"), 0x00FF00, 32, 32, "png");
        image(tmp.resolve("set/blue/c.png"), 0x2000C0, 20, 64, "png");
        MainTest.Result fromNpz = predict(null, "--model", model.toString(), "--json", tmp.resolve("set").toString());
        MainTest.Result fromOnnx = predict(null, "--model", onnx.toString(), "--json", tmp.resolve("set").toString());
        assertThat(fromOnnx.status).as(fromOnnx.err).isZero();
        assertThat(fromOnnx.out).isEqualTo(fromNpz.out);
        assertThat(fromOnnx.err).contains("accuracy 1.0000 (3 of 3");
    }

    @Test
    void jsonGivesOneObjectPerLineAndUnreadableImagesAnErrorEach() throws Exception {
        Path a = image(tmp.resolve("a.png"), 0x102030, 33, 33, "png");
        Path broken = tmp.resolve("broken.png");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(a), 60));
        Path missing = tmp.resolve("missing.png");
        Path b = image(tmp.resolve("b.png"), 0x00FF00, 8, 8, "png");
        MainTest.Result r = predict(null, "--model", model.toString(), "--json", "--top", "2",
                a.toString(), broken.toString(), missing.toString(), b.toString());
        assertThat(r.status).isEqualTo(1);
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.parse(lines.get(0));
        assertThat(first.keySet()).containsExactly("image", "label", "class", "probability", "top");
        assertThat(first.get("image")).isEqualTo(a.toString());
        assertThat(first.get("class")).isEqualTo("blue");
        assertThat((List<?>) first.get("top")).hasSize(2);
        double p = ((Number) first.get("probability")).doubleValue();
        double e1 = Math.exp((0x30 - 0x20) / 4.0), e2 = Math.exp((0x10 - 0x30) / 4.0);
        assertThat(p).isCloseTo(1 / (1 + 1 / e1 + e2), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(((Map<?, ?>) Json.parse(lines.get(1))).get("error").toString()).startsWith(broken + ": corrupt");
        assertThat(((Map<?, ?>) Json.parse(lines.get(2))).get("error")).isEqualTo("no such file: " + missing);
        assertThat(((Map<?, ?>) Json.parse(lines.get(3))).get("class")).isEqualTo("green");
        assertThat(r.err.lines().filter(l -> l.startsWith("vecnn predict: ") && l.contains(tmp.toString())).toList())
                .containsExactly("vecnn predict: " + broken + ": corrupt or unsupported image (Error reading PNG metadata)",
                        "vecnn predict: no such file: " + missing);
        assertThat(r.err).contains("vecnn predict: 2 images in ").contains(", 2 of 4 could not be read")
                .doesNotContain("accuracy").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void readsPathsFromStandardInput() throws Exception {
        Path a = image(tmp.resolve("x/a.png"), 0xFF0000, 40, 40, "png");
        Path b = image(tmp.resolve("x/b.png"), 0x0000FF, 40, 40, "png");
        MainTest.Result r = predict(a + "\n\n" + b + "\n", "--model", model.toString(), "--fit", "pad", "-");
        assertThat(r.status).isZero();
        assertThat(r.out.lines().toList()).containsExactly(a + ":  red 1.000  green 0.000  blue 0.000",
                b + ":  blue 1.000  red 0.000  green 0.000");
    }

    @Test
    void mistakesEndInOneLine() throws Exception {
        Path a = image(tmp.resolve("a.png"), 0xFF0000, 4, 4, "png");
        MainTest.assertOneLineError(predict(null, "--model", model.toString()), 2, "no images given");
        MainTest.assertOneLineError(predict(null, a.toString()), 2, "--model FILE is required");
        MainTest.assertOneLineError(predict(null, "--model", model.toString(), "--topk", "2", a.toString()), 2,
                "unknown option --topk, did you mean --top?");
        MainTest.assertOneLineError(predict(null, "--model", model.toString(), "--fit", "stretch", a.toString()), 2,
                "--fit must be one of crop, pad; got 'stretch'");
        MainTest.assertOneLineError(predict(null, "--model", tmp.resolve("nope.npz").toString(), a.toString()), 1,
                "no such file: " + tmp.resolve("nope.npz"));
        Path bare = tmp.resolve("bare.npz");
        ModelFile.write(bare, ModelFile.read(model).withMeanImage(null));
        MainTest.assertOneLineError(predict(null, "--model", bare.toString(), a.toString()), 1, "has no mean image");
        MainTest.Result help = predict(null, "--help");
        assertThat(help.status).isZero();
        assertThat(help.out).startsWith("usage: vecnn predict [options] IMAGE...").contains("--json").contains("--top K");
    }
}
