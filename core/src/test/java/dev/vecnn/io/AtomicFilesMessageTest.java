package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that cannot start names the file asked for and the reason, never the temporary file. */
class AtomicFilesMessageTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderThatIsAFileNamesTheTargetAndTheReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path target = file.resolve("B.npz");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "data"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(target + ": cannot create a file in " + file + ": ")
                .hasMessageNotContaining(".tmp");
    }

    @Test
    void aReadOnlyFolderNamesTheTargetAndSaysPermissionDenied() throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "this user (root?) can write into a read-only folder");
            Path target = ro.resolve("B.npz");
            assertThatThrownBy(() -> AtomicFiles.writeString(target, "data"))
                    .isInstanceOf(IOException.class)
                    .hasMessage(target + ": cannot create a file in " + ro + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
