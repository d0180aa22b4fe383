package dev.vecnn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a crash never leaves half of it under its name: the bytes go to a
 * temporary file in the same folder, are forced to disk, and the temporary file is then renamed
 * over the target (atomically where the file system can). On any failure the temporary file is
 * deleted and the old target, if any, is untouched.
 */
public final class AtomicFiles {
    /** Writes the content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code content} to {@code target} through a temporary file and a rename. */
    public static void write(Path target, Content content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a folder; name a file");
        }
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = createTemp(dir, target);
        } catch (IOException e) {
            // Name the target and the reason, not the temporary file (which never existed).
            throw new FileSystemException(target.toString(), null, "cannot create a file in " + dir + ": " + reason(e));
        }
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            if (e.getClass() != IOException.class) {
                throw e; // already names its file (FileSystemException) or says what happened (an interrupt)
            }
            // The OS's plain "No space left on device" or "Input/output error": name the file.
            FileSystemException named = new FileSystemException(target.toString(), null, "cannot write: " + reason(e)
                    + " (no partial file is left under that name)");
            named.initCause(e);
            throw named;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Why a file operation failed, in a few words ("permission denied", "Read-only file system", ...). */
    static String reason(IOException e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof FileAlreadyExistsException) {
                return f.getFile() + " exists and is not a folder";
            }
            return e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Writes {@code text} as UTF-8 to {@code target} through a temporary file and a rename. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates the temporary file {@code .<name>.<random>.tmp} next to the target with ordinary
     * permissions: the target's when it exists, else the default for new files (0666 less the
     * umask). ({@code Files.createTempFile} would make it 0600, and the rename would then leave
     * every checkpoint readable by its owner only.)
     */
    private static Path createTemp(Path dir, Path target) throws IOException {
        String name = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(name + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            try {
                if (Files.exists(target)) {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
                }
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system, or not ours to change: keep the default permissions
            }
            return temp;
        }
    }
}
