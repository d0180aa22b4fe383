package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every image docs/gemm-tutorial.md links exists in docs/img, and the diagrams are the ones {@link TutorialFigures} draws. */
class TutorialFiguresTest {
    @Test
    void everyLinkedImageExistsAndIsDrawnByCode() throws Exception {
        String text = Files.readString(RepoFiles.path("docs/gemm-tutorial.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("!\\[[^]]*]\\(img/([^)]+)\\)").matcher(text);
        int links = 0;
        while (m.find()) {
            links++;
            String name = m.group(1);
            assertThat(RepoFiles.path("docs/img", name)).as(name).isRegularFile();
            assertThat(name.equals("gemm-ladder.png") || Arrays.asList(TutorialFigures.NAMES).contains(name))
                    .as(name + " is drawn by TutorialFigures or vecnn bench ladder --png").isTrue();
        }
        assertThat(links).isEqualTo(TutorialFigures.NAMES.length + 1);
    }
}
