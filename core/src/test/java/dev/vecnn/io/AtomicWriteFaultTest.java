package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 5: a checkpoint write interrupted at any point never replaces a good checkpoint
 * with a bad one. Simulated four ways: the output stream failing after N bytes for every N
 * across the file, the writing thread interrupted, the writing process killed (SIGKILL), and a
 * full disk (a 64 KiB tmpfs, when this process may mount one). Afterwards the previous checkpoint
 * must load with its old contents, and no temporary file may be left, except after a process
 * kill, where the leftovers are dot-files the readers never look at.
 */
class AtomicWriteFaultTest {
    @TempDir
    Path dir;

    /** A checkpoint-like archive: parameters and optimizer state, distinguishable by version. */
    static Map<String, NpyArray> checkpoint(int version, int size) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            w[i] = version * 1000f + i;
        }
        arrays.put("W1", NpyArray.of(w, size / 4, 4));
        arrays.put("b1", NpyArray.vector(version, version + 0.5f, -version, 0f));
        arrays.put("version", NpyArray.of(new long[] {version}));
        return arrays;
    }

    static void assertIsVersion(Path file, int version, int size) throws IOException {
        Map<String, NpyArray> read = Npz.read(file);
        assertThat(read.get("version").longs()).containsExactly(version);
        // Arrays.equals: AssertJ's containsExactly is quadratic on megabyte arrays
        assertThat(Arrays.equals(read.get("W1").floats(), checkpoint(version, size).get("W1").floats()))
                .as("%s holds version %d's W1", file.getFileName(), version).isTrue();
    }

    private List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static byte[] npzBytes(Map<String, NpyArray> arrays, Path scratch) throws IOException {
        Npz.write(scratch, arrays);
        byte[] bytes = Files.readAllBytes(scratch);
        Files.delete(scratch);
        return bytes;
    }

    /** Passes bytes through, flushing to disk as it goes, and fails once {@code limit} bytes passed. */
    static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int now = (int) Math.min(len, left);
            out.write(b, off, now);
            left -= now;
            if (now < len) {
                out.flush(); // the bytes so far reach the temporary file
                throw new IOException("simulated failure: no space left on device");
            }
        }
    }

    @Test
    void aStreamFailingAfterAnyNumberOfBytesLeavesTheGoodFile() throws IOException {
        Path target = dir.resolve("model.npz");
        Npz.write(target, checkpoint(1, 64));
        byte[] good = Files.readAllBytes(target);
        byte[] next = npzBytes(checkpoint(2, 64), dir.resolve("scratch.npz"));
        for (int n = 0; n < next.length; n++) {
            long limit = n;
            assertThatThrownBy(() -> AtomicFiles.write(target, out -> new FailAfter(out, limit).write(next)))
                    .as("failure after %d of %d bytes", n, next.length)
                    .isInstanceOf(IOException.class).hasMessageContaining("simulated failure");
            assertThat(Files.readAllBytes(target)).as("after a failure at byte %d", n).isEqualTo(good);
            assertThat(namesIn(dir)).as("after a failure at byte %d", n).containsExactly("model.npz");
        }
        assertIsVersion(target, 1, 64);
        AtomicFiles.write(target, out -> new FailAfter(out, next.length).write(next)); // all bytes: succeeds
        assertIsVersion(target, 2, 64);
        assertThat(namesIn(dir)).containsExactly("model.npz");
    }

    @Test
    void aContentWriterThrowingAnythingLeavesTheGoodFile() throws IOException {
        Path target = dir.resolve("ckpt.npz");
        Npz.write(target, checkpoint(1, 64));
        byte[] next = npzBytes(checkpoint(2, 64), dir.resolve("scratch.npz"));
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(next, 0, next.length / 2);
            out.flush();
            throw new IllegalStateException("bug in a writer");
        })).isInstanceOf(IllegalStateException.class);
        assertIsVersion(target, 1, 64);
        assertThat(namesIn(dir)).containsExactly("ckpt.npz");
    }

    @Test
    void anInterruptedWriterThreadLeavesTheGoodFile() throws Exception {
        Path target = dir.resolve("ckpt.npz");
        int size = 1 << 18; // 1 MiB of floats: many 64 KiB buffer flushes
        Npz.write(target, checkpoint(1, size));
        for (long at : new long[] {0, 1, 65_535, 65_537, 300_000, 1_000_000}) {
            Throwable[] failure = new Throwable[1];
            Thread writer = new Thread(() -> {
                try {
                    AtomicFiles.write(target, out -> {
                        // the real archive, with this thread interrupted once `at` bytes went out
                        OutputStream interrupting = new FilterOutputStream(out) {
                            long written;

                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                for (int i = 0; i < len; i++) {
                                    write(b[off + i]);
                                }
                            }

                            @Override
                            public void write(int b) throws IOException {
                                if (written++ == at) {
                                    Thread.currentThread().interrupt();
                                }
                                out.write(b);
                            }
                        };
                        interrupting.write(npzBytesUnchecked(checkpoint(2, size)));
                        interrupting.flush();
                    });
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            writer.start();
            writer.join();
            assertThat(failure[0]).as("interrupt at byte %d", at).isInstanceOf(ClosedByInterruptException.class);
            assertIsVersion(target, 1, size);
            assertThat(namesIn(dir)).as("interrupt at byte %d", at).containsExactly("ckpt.npz");
        }
        // Npz.write itself, on a thread interrupted before it starts
        Throwable[] failure = new Throwable[1];
        Thread writer = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                Npz.write(target, checkpoint(3, size));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        writer.start();
        writer.join();
        assertThat(failure[0]).isInstanceOf(ClosedByInterruptException.class);
        assertIsVersion(target, 1, size);
        assertThat(namesIn(dir)).containsExactly("ckpt.npz");
    }

    private static byte[] npzBytesUnchecked(Map<String, NpyArray> arrays) throws IOException {
        Path scratch = Files.createTempFile("vecnn-npz", ".npz");
        try {
            return npzBytes(arrays, scratch);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    @Test
    void aKilledWriterProcessLeavesAGoodFile() throws Exception {
        Path target = dir.resolve("ckpt.npz");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int size = CheckpointWriterProcess.SIZE;
        int stale = 0;
        for (int killAfter : new int[] {1, 2, 4}) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterProcess.class.getName(), target.toString())
                    .redirectErrorStream(true).start();
            int lastWritten = 0;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("wrote ")) {
                        lastWritten = Integer.parseInt(line.substring(6));
                        if (lastWritten >= killAfter) {
                            // SIGKILL, while it writes the next version (through the handle: Process.destroyForcibly
                            // would also close the pipe this loop reads to its end)
                            child.toHandle().destroyForcibly();
                        }
                    }
                }
                // read to the end: SIGKILL lands some time after destroyForcibly returns, and on a
                // busy machine the child may finish (and announce) more versions before it dies
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lastWritten).as("child output").isGreaterThanOrEqualTo(killAfter);
            long version = Npz.read(target).get("version").longs()[0];
            assertThat(version).isBetween((long) lastWritten, (long) lastWritten + 1);
            assertIsVersion(target, (int) version, size);
            for (String name : namesIn(dir)) {
                if (!name.equals("ckpt.npz")) {
                    // a killed process cannot clean up: what it leaves is a hidden temporary file
                    assertThat(name).startsWith(".ckpt.npz.").endsWith(".tmp");
                    stale++;
                }
            }
        }
        // stale temporaries are harmless: the next write still replaces the file atomically
        Npz.write(target, checkpoint(99, 16));
        assertIsVersion(target, 99, 16);
        assertThat(stale).isGreaterThanOrEqualTo(0);
    }

    @Test
    void checkpointsGetOrdinaryPermissions() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "not POSIX");
        Path plain = Files.createFile(dir.resolve("plain")); // what this process's umask gives
        Path target = dir.resolve("new.npz");
        Npz.write(target, checkpoint(1, 8));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
        var groupReadable = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(target, groupReadable);
        Npz.write(target, checkpoint(2, 8)); // a rewrite keeps the file's permissions
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(groupReadable);
        assertIsVersion(target, 2, 8);
    }

    @Test
    void aFullDiskLeavesTheGoodFile() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        boolean mounted = false;
        try {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
            assumeTrue(mounted, "cannot mount a 64 KiB tmpfs here (needs root); skipped");
            Path target = mount.resolve("ckpt.npz");
            Npz.write(target, checkpoint(1, 4096)); // 16 KiB
            assertThatThrownBy(() -> Npz.write(target, checkpoint(2, 16384))) // 64 KiB: does not fit beside it
                    .isInstanceOf(IOException.class);
            assertIsVersion(target, 1, 4096);
            assertThat(namesIn(mount)).containsExactly("ckpt.npz");
            Npz.write(target, checkpoint(3, 2048)); // room again once the failed temp is gone
            assertIsVersion(target, 3, 2048);
        } finally {
            if (mounted && !run("umount", mount.toString())) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(new ByteArrayOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
