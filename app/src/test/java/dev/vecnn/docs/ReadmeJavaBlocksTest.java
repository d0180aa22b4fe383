package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of the README compiles against the library as it stands, as a reader would
 * paste it: each is a whole file (its imports and a class), so a snippet without imports, or one
 * naming a class the library does not have, fails here. (The quick start is also run, by
 * {@link ReadmeQuickStartTest}; what the model-file example does is tested by RawImagePredictTest
 * and ModelFileLoadTest.)
 */
class ReadmeJavaBlocksTest {
    private static final Pattern CLASS = Pattern.compile("(?m)^public (?:final )?class \\w+");

    @Test
    void everyJavaBlockIsAWholeFileThatCompiles(@TempDir Path dir) throws Exception {
        List<String> blocks = DocsJavaExcerptsTest.javaBlocks(RepoFiles.path("README.md"));
        assertThat(blocks).as("the quick start and the model-file example").hasSizeGreaterThanOrEqualTo(2);
        for (String block : blocks) {
            assertThat(block).as("a README Java block declares its imports and a public class:\n%s", block)
                    .containsPattern("(?m)^import ").containsPattern(CLASS);
        }
        DocsJavaExcerptsTest.compile(dir, "Readme", blocks);
    }
}
