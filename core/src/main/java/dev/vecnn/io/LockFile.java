package dev.vecnn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per file: a run that writes a checkpoint (or a folder of results) holds a lock on it
 * while it runs, and a second run refuses to start, naming the process that holds it.
 *
 * <p>The lock is the operating system's ({@link FileChannel#tryLock()}) on a hidden file beside
 * the target ({@code run.npz} → {@code .run.npz.lock}), so a process that dies, however it dies,
 * releases it. While held, the file says who holds it (process id, host, command); releasing
 * empties it. A lock that can be taken while its file still names a holder was left by a process
 * that is gone (killed with SIGKILL, a power cut): it is taken over, and {@link #note()} says so.
 * {@link #close()} releases it, and so does a shutdown hook (Ctrl-C, SIGTERM).
 *
 * <p>The file is never deleted: a run that deleted it while another had it open would let two
 * runs lock two different files of the same name. Within one JVM a registry of held locks
 * answers first, since opening and closing a second channel on the file would drop the
 * process's lock (POSIX locks belong to the process, not the channel).
 */
public final class LockFile implements AutoCloseable {
    /** The lock is held by another live process (or another run in this one). */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final String note;
    private final Thread hook;
    private boolean closed;

    private LockFile(Path path, FileChannel channel, FileLock lock, String note) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.note = note;
        this.hook = new Thread(this::release, "vecnn-lock-release");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Lock files held by this JVM, by absolute path. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code file}'s lock file: {@code run.npz} → {@code .run.npz.lock} beside it. */
    public static Path lockPathOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code file} (the lock file {@link #lockPathOf}; its folder must exist).
     *
     * @param what the file for messages, e.g. "checkpoint runs/fc500.npz"
     * @throws HeldException naming the holder when another run holds it
     * @throws IOException when the lock file cannot be created (the folder is missing or read-only)
     */
    public static LockFile acquire(Path file, String what) throws IOException {
        Path lockPath = lockPathOf(file);
        if (!HELD.add(lockPath)) {
            throw new HeldException(what + " is being written by another run in this process (process "
                    + ProcessHandle.current().pid() + ", lock file " + lockPath + "); choose another file");
        }
        boolean keep = false;
        try {
            FileChannel ch;
            try {
                ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new java.nio.file.FileSystemException(lockPath.toString(), null,
                        "cannot create the lock file for " + what + ": " + AtomicFiles.reason(e));
            }
            try {
                FileLock lock = ch.tryLock();
                String previous = read(ch);
                if (lock == null) {
                    throw new HeldException(what + " is being written by another run (" + holder(previous)
                            + ", lock file " + lockPath + "); wait for it to finish or stop it, or choose another file");
                }
                String line = "pid " + ProcessHandle.current().pid() + " host " + host() + " command " + command() + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
                String note = previous.isBlank() ? null : "took over the lock of " + what + " from " + holder(previous)
                        + ", which is no longer running (a run that was killed; the file is as that run last wrote it)";
                keep = true;
                return new LockFile(lockPath, ch, lock, note);
            } finally {
                if (!keep) {
                    ch.close();
                }
            }
        } finally {
            if (!keep) {
                HELD.remove(lockPath);
            }
        }
    }

    /** Null, or one line about a stale lock that was taken over. */
    public String note() {
        return note;
    }

    /** The lock file. */
    public Path path() {
        return path;
    }

    /** Releases the lock (and empties the lock file). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running or has run
        }
        release();
    }

    /** Empties the file (nobody holds it) and releases the lock. */
    private synchronized void release() {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway; a file still naming us is taken over with a note
        } finally {
            HELD.remove(path);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read the whole (small) file
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** "process 1234 (vecnn train ...)" from a lock file's line, or "another process" when it says nothing. */
    static String holder(String line) {
        String[] w = line.strip().split(" ", 6);
        if (w.length >= 2 && w[0].equals("pid")) {
            String who = "process " + w[1];
            if (w.length >= 4 && w[2].equals("host") && !w[3].equals(host())) {
                who += " on host " + w[3];
            }
            if (w.length >= 6 && w[4].equals("command")) {
                who += " (" + line.strip().split(" ", 6)[5] + ")";
            }
            return who;
        }
        return "another process";
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                h = "unknown";
            }
        }
        return h.replace(' ', '_');
    }

    private static String command() {
        String c = ProcessHandle.current().info().commandLine().orElse("java").replace('\n', ' ');
        int jar = c.indexOf("vecnn.jar ");
        int sweep = c.indexOf("dev.vecnn.spark.SweepMain ");
        if (jar >= 0) {
            c = "vecnn " + c.substring(jar + "vecnn.jar ".length()); // the vecnn launcher's java command
        } else if (sweep >= 0) {
            c = "vecnn sweep " + c.substring(sweep + "dev.vecnn.spark.SweepMain ".length());
        }
        return c.length() > 200 ? c.substring(0, 200) + "..." : c;
    }
}
