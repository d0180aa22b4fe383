package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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
 * The README's quick-start snippet is real code: this test takes the first ```java block of
 * README.md, compiles it against the library with the JDK's compiler, and runs it on a tiny
 * CIFAR-10-shaped data set it writes (so the snippet's calls are exercised end to end).
 */
class ReadmeQuickStartTest {

    @Test
    void quickStartCompilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(RepoFiles.path("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java quick-start block").isTrue();
        String source = m.group(1);
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(cls.find()).as("the snippet declares a public class").isTrue();
        String className = cls.group(1);

        Path src = dir.resolve(className + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                        "-proc:none", "-Xlint:none"),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
                .call();
        assertThat(ok).as("the README snippet compiles:\n" + diagnostics).isTrue();

        Path data = TinyCifar.write(dir.resolve("data"), 60, 20);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {data.toString(), "40", "10", "2"});
        } finally {
            System.setOut(old);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        // One iteration per epoch here, so (as in the assignment) the first line is epoch 1.
        assertThat(out).contains("(Iteration 1 / 2) loss:").contains("(Epoch 2 / 2) train acc:")
                .contains("best validation accuracy");
    }
}
