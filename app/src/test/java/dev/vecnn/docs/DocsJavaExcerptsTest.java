package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java excerpts of docs/gemm-tutorial.md and docs/vector-api-notes.md compile against the
 * library (and the Vector API module), as the README's quick start does. A ```java block that
 * declares a class is compiled as a file of its own; any other block is a class body (fields
 * and methods) and is wrapped in a class that imports the Vector API and the library's kernels.
 */
class DocsJavaExcerptsTest {
    static final String IMPORTS = "import jdk.incubator.vector.*;\nimport dev.vecnn.kernels.*;\n";

    @Test
    void tutorialExcerptsCompile(@TempDir Path dir) throws Exception {
        List<String> blocks = javaBlocks(RepoFiles.path("docs/gemm-tutorial.md"));
        assertThat(blocks).as("the tutorial shows each rung's loop").hasSizeGreaterThanOrEqualTo(6);
        compile(dir, "Tutorial", blocks);
    }

    @Test
    void vectorApiNotesExcerptsCompile(@TempDir Path dir) throws Exception {
        List<String> blocks = javaBlocks(RepoFiles.path("docs/vector-api-notes.md"));
        assertThat(blocks).as("each lesson has an example").hasSizeGreaterThanOrEqualTo(5);
        compile(dir, "Notes", blocks);
    }

    @Test
    void aBrokenExcerptFailsToCompile(@TempDir Path dir) throws Exception {
        // The check above can fail: an excerpt that calls a method the library lacks does not compile.
        String diagnostics = tryCompile(dir, "Broken", List.of("void f() { Gemm.noSuchMethod(); }"));
        assertThat(diagnostics).isNotNull().contains("noSuchMethod");
    }

    static List<String> javaBlocks(Path markdown) throws Exception {
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static void compile(Path dir, String prefix, List<String> blocks) throws Exception {
        String diagnostics = tryCompile(dir, prefix, blocks);
        assertThat(diagnostics).as("excerpts compile").isNull();
    }

    /** Null when every block compiles, else the compiler's messages (each block's file named by its number). */
    static String tryCompile(Path dir, String prefix, List<String> blocks) throws Exception {
        List<java.io.File> files = new ArrayList<>();
        Pattern declared = Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|interface|record) (\\w+)");
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            Matcher cls = declared.matcher(block);
            Path src;
            if (cls.find()) {
                Path sub = Files.createDirectories(dir.resolve("src" + i)); // each unit in its own folder: names may repeat
                src = sub.resolve(cls.group(1) + ".java");
                Files.writeString(src, (block.contains("import ") ? "" : IMPORTS) + block);
            } else {
                String name = prefix + "Excerpt" + (i + 1);
                src = dir.resolve(name + ".java");
                Files.writeString(src, IMPORTS + "class " + name + " {\n" + block + "}\n");
            }
            files.add(src.toFile());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        boolean ok = true;
        for (java.io.File f : files) { // one unit at a time: two excerpts may declare the same class name
            ok &= javac.getTask(out, null, null,
                    List.of("-d", classes.resolve(f.getParentFile().getName()).toString(), "-cp", System.getProperty("java.class.path"),
                            "--add-modules", "jdk.incubator.vector", "-proc:none", "-Xlint:none", "-nowarn"),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(f)).call();
        }
        return ok ? null : out.toString();
    }
}
