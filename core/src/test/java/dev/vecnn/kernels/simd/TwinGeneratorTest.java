package dev.vecnn.kernels.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated float/double twins in {@value TwinGenerator#GENERATED_DIR} are what
 * {@link TwinGenerator} makes of its templates today: an edit of a generated file, of a template
 * or of the generator without regenerating, a generated file no template makes any more, or a
 * generated file in {@code src/main/java}, fails here.
 */
class TwinGeneratorTest {

    @Test
    void committedTwinsAreTheGeneratorsOutput() throws IOException {
        Map<String, String> files = TwinGenerator.generate();
        assertThat(files).isNotEmpty();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path committed = Path.of(TwinGenerator.GENERATED_DIR, e.getKey());
            assertThat(committed).as("generated file %s", committed).exists();
            assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                    .as("%s differs from the output of %s; run (in core/): java %s", committed, TwinGenerator.SELF,
                            TwinGenerator.SELF)
                    .isEqualTo(e.getValue());
            assertThat(e.getValue()).startsWith(TwinGenerator.HEADER).contains("do not edit");
        }
        assertThat(TwinGenerator.committed(Path.of(TwinGenerator.GENERATED_DIR)))
                .as("files in %s that no template makes", TwinGenerator.GENERATED_DIR)
                .containsExactlyInAnyOrderElementsOf(files.keySet());
    }

    @Test
    void noGeneratedFileInTheHandWrittenSources() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            assertThat(walk.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8).startsWith(TwinGenerator.HEADER);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            })).as("generated files belong in %s", TwinGenerator.GENERATED_DIR).isEmpty();
        }
    }

    @Test
    void everyTemplateMakesBothPrecisions() throws IOException {
        Map<String, String> files = TwinGenerator.generate();
        for (String template : TwinGenerator.templates()) {
            String target = template.substring(0, template.length() - ".template".length());
            if (target.contains("$E")) {
                assertThat(files).containsKeys(target.replace("$E", "Float"), target.replace("$E", "Double"));
            } else {
                String text = files.get(target);
                assertThat(text).as(target).doesNotContain("//$twins", "//$end", "//$float", "//$double", "$E", "$e");
            }
        }
    }

    @Test
    void sectionsAreWrittenForFloatThenDouble() {
        String out = TwinGenerator.twinSections("class A {\n    //$twins\n    $e f($e x) { return x; } //$W\n"
                + "    //$float int g() { return 1; }\n    //$end\n}\n", "A.java.template");
        assertThat(out).isEqualTo("class A {\n    float f(float x) { return x; } //32\n    int g() { return 1; }\n"
                + "    double f(double x) { return x; } //64\n}\n");
    }

    @Test
    void doubleTilesAreTheFloatOnesRespelled() throws IOException {
        Map<String, String> files = TwinGenerator.generate();
        String floats = files.get(TwinGenerator.TILES_PACKAGE + "/SimdGemmFloatTiles.java");
        String respelled = floats.replace("FLOATS", "DOUBLES").replace("Float", "Double")
                .replace("float", "double").replace("FS", "DS").replace("FL", "DL");
        assertThat(files.get(TwinGenerator.TILES_PACKAGE + "/SimdGemmDoubleTiles.java")).isEqualTo(respelled);
    }
}
