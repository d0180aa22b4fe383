package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: two runs writing the same checkpoint both exited 0 and one run's result was lost. One
 * writer per file: the second run is refused naming the holder; a lock left by a killed process is
 * taken over with a note; closing deletes the lock file.
 */
class LockFileTest {
    @TempDir
    Path dir;

    /** Child process: takes the lock of its argument, prints "locked", then sleeps until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            LockFile lock = LockFile.acquire(Path.of(args[0]), "checkpoint " + args[0]);
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(120_000);
            lock.close();
        }
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedAndCloseReleases() throws Exception {
        Path file = dir.resolve("run.npz");
        try (LockFile first = LockFile.acquire(file, "checkpoint " + file)) {
            assertThat(first.note()).isNull();
            assertThat(first.path()).isEqualTo(dir.resolve(".run.npz.lock")).exists();
            assertThat(Files.readString(first.path())).startsWith("pid " + ProcessHandle.current().pid() + " ");
            assertThatThrownBy(() -> LockFile.acquire(file, "checkpoint " + file))
                    .isInstanceOf(LockFile.HeldException.class)
                    .hasMessageStartingWith("checkpoint " + file + " is being written by another run in this process (process "
                            + ProcessHandle.current().pid());
        }
        assertThat(dir.resolve(".run.npz.lock")).isEmptyFile(); // released: it names nobody
        try (LockFile again = LockFile.acquire(file, "checkpoint " + file)) {
            assertThat(again.note()).isNull();
        }
    }

    @Test
    void anotherLiveProcessHoldsItAndAKilledOnesLockIsTakenOverWithANote() throws Exception {
        Path file = dir.resolve("shared.npz");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("locked ")) {
                // the JVM's own warnings
            }
            assertThat(line).as("child output").isNotNull();
            long pid = child.pid();
            assertThatThrownBy(() -> LockFile.acquire(file, "checkpoint " + file))
                    .isInstanceOf(LockFile.HeldException.class)
                    .hasMessageContaining("is being written by another run (process " + pid + " (")
                    .hasMessageContaining("lock file " + dir.resolve(".shared.npz.lock"));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, the lock file stays
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve(".shared.npz.lock"))).startsWith("pid " + pid + " ");
            try (LockFile taken = LockFile.acquire(file, "checkpoint " + file)) {
                assertThat(taken.note()).startsWith("took over the lock of checkpoint " + file + " from process " + pid + " (")
                        .contains("which is no longer running");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aFolderThatDoesNotExistIsNamed() {
        Path file = dir.resolve("missing").resolve("run.npz");
        assertThatThrownBy(() -> LockFile.acquire(file, "checkpoint " + file))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessageContaining(dir.resolve("missing").resolve(".run.npz.lock").toString())
                .hasMessageContaining("cannot create the lock file for checkpoint " + file);
    }
}
