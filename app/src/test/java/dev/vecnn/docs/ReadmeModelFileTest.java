package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Save a trained net, classify a raw image" snippet compiles against the library:
 * it is wrapped in a method that has the quick start's {@code net} and {@code cifar} in scope.
 * (What it does is tested by {@code RawImagePredictTest} and {@code ModelFileLoadTest}.)
 */
class ReadmeModelFileTest {
    @Test
    void snippetCompiles(@TempDir Path dir) throws Exception {
        String readme = Files.readString(RepoFiles.path("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("### Save a trained net, classify a raw image\\n.*?```java\\n(.*?)```",
                Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has the model-file section with a ```java block").isTrue();
        String source = "import dev.vecnn.data.CifarSplits;\n"
                + "import dev.vecnn.infer.InferenceModel;\n"
                + "import dev.vecnn.model.FullyConnectedNet;\n"
                + "import dev.vecnn.model.ModelFile;\n"
                + "import java.nio.file.Files;\n"
                + "import java.nio.file.Path;\n"
                + "public class ModelFileSnippet {\n"
                + "    static void run(FullyConnectedNet net, CifarSplits cifar) throws Exception {\n"
                + m.group(1)
                + "    }\n"
                + "}\n";
        Path src = dir.resolve("ModelFileSnippet.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                        "-proc:none", "-Xlint:none"),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
                .call();
        assertThat(ok).as("the README snippet compiles:\n" + diagnostics + "\n" + source).isTrue();
    }
}
