package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Classify an image file" class compiles and works: with a model file at the root of
 * its class path (a 3072 -> 2 classifier whose "warm" class scores red minus blue) and a red JPEG,
 * it returns the names and probabilities, best first.
 */
class ReadmeClassifyTest {
    @Test
    void theEmbeddingExampleReturnsNamesAndProbabilities(@TempDir Path dir) throws Exception {
        String readme = Files.readString(RepoFiles.path("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("### Classify an image file: names and probabilities\\n.*?```java\\n(.*?)```",
                Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has the classify section with a ```java block").isTrue();
        String source = m.group(1);
        assertThat(source.strip().lines().count()).as("lines of the example").isLessThanOrEqualTo(18);
        Path src = dir.resolve("App.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile())).call();
        assertThat(ok).as("the README example compiles:\n" + diagnostics + "\n" + source).isTrue();

        float[] w = new float[3072 * 2];
        for (int p = 0; p < 1024; p++) {
            w[p * 2] = 1f / 8192;            // red plane -> "warm"
            w[(2048 + p) * 2 + 1] = 1f / 8192; // blue plane -> "cold"
        }
        FullyConnectedNet net = FullyConnectedNet.builder().inputDim(3072).numClasses(2)
                .params(Map.of("W1", Tensor.of(w, 3072, 2), "b1", Tensor.of(new float[2], 2))).build();
        ModelFile.write(classes.resolve("best_model.npz"),
                ModelFile.of(net).withMeanImage(new double[3072]).withClassNames(List.of("warm", "cold")));
        BufferedImage red = new BufferedImage(60, 45, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 45; y++) {
            for (int x = 0; x < 60; x++) {
                red.setRGB(x, y, 0xE03010);
            }
        }
        Path image = dir.resolve("red.jpg");
        ImageIO.write(red, "jpg", image.toFile());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeClassifyTest.class.getClassLoader())) {
            Method classify = loader.loadClass("App").getMethod("classify", Path.class);
            List<?> top = (List<?>) classify.invoke(null, image);
            assertThat(top).hasSize(2);
            dev.vecnn.infer.ClassProbability best = (dev.vecnn.infer.ClassProbability) top.get(0);
            assertThat(best.name()).isEqualTo("warm");
            // scores (R - 0) / 8 and (B - 0) / 8 with R near 0xE0, B near 0x10 (JPEG): p(warm) = 1 / (1 + e^-26)
            assertThat(best.probability()).isGreaterThan(0.999999);
            assertThat(((dev.vecnn.infer.ClassProbability) top.get(1)).name()).isEqualTo("cold");
        }
    }
}
