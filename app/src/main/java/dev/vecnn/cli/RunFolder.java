package dev.vecnn.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The folder a run writes its plots and reports into: {@code <base>/<yyyyMMdd-HHmmss>-<command>/}. */
final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {}

    /**
     * Checks, before a run starts, that a folder can be made (or written) at {@code dir}: it is a
     * folder, or the nearest part of its path that exists is one, and a file can be created there
     * (probed with a temporary file, removed at once; nothing else is created). Throws a
     * {@link UsageException} naming {@code what} (e.g. "--out runs") and the reason otherwise.
     */
    static void requireWritable(Path dir, String what) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new UsageException(what + ": no part of " + abs + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new UsageException(what + ": " + existing + (existing.equals(abs) ? "" : " (part of " + abs + ")")
                    + " is a file, not a folder");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".vecnn-write-check-", ".tmp");
        } catch (IOException | UnsupportedOperationException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null
                    ? ((java.nio.file.FileSystemException) e).getReason()
                    : "the file system refuses new files there";
            throw new UsageException(what + ": cannot " + (existing.equals(abs) ? "write into " : "create folders in ")
                    + existing + ": " + why);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a probe left behind is harmless; the run goes on
                }
            }
        }
    }

    /** The file whose presence says a run folder is complete (written last). */
    static final String LAST_FILE = "summary.json";
    /** Run folders this process created, until the command ends. */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    /**
     * After a command failed: deletes the run folders it created that have no {@value #LAST_FILE}
     * (a run that failed while writing its reports, e.g. on a full disk), so that nothing
     * half-written is left looking like a finished run. Returns the folders removed.
     */
    static List<Path> removeUnfinished() {
        List<Path> removed = new ArrayList<>();
        for (Path dir : List.copyOf(UNFINISHED)) {
            UNFINISHED.remove(dir);
            if (Files.exists(dir.resolve(LAST_FILE))) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
                removed.add(dir);
            } catch (IOException | RuntimeException e) {
                // left as it is: the failure's own line says what went wrong
            }
        }
        return removed;
    }

    /** After a command ended normally: its run folders are what it left. */
    static void forgetUnfinished() {
        UNFINISHED.clear();
    }

    /**
     * Checks that the disk holding {@code dir} (or the nearest part of its path that exists) has
     * {@code bytes} free for this user; throws an {@link IllegalStateException} (a run failure)
     * naming {@code what}, the free space and the need otherwise.
     */
    static void requireSpace(Path dir, long bytes, String what, String forWhat) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // requireWritable says what is wrong
        }
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return; // unknown: the writes will say
        }
        if (free < bytes) {
            throw new IllegalStateException(what + ": the disk holding " + existing + " has " + dev.vecnn.train.MemoryNeed.size(free)
                    + " free, but " + forWhat + " needs about " + dev.vecnn.train.MemoryNeed.size(bytes) + "; free some space or choose another "
                    + what.split(" ")[0]);
        }
    }

    /**
     * Creates a fresh folder named after {@code when} and {@code command} under {@code base}
     * (adding -2, -3, ... if that name is taken) and returns it.
     */
    static Path create(Path base, String command, LocalDateTime when) throws IOException {
        Files.createDirectories(base);
        String name = STAMP.format(when) + "-" + command;
        for (int i = 1; ; i++) {
            Path dir = base.resolve(i == 1 ? name : name + "-" + i);
            try {
                Path made = Files.createDirectory(dir);
                UNFINISHED.add(made);
                return made;
            } catch (FileAlreadyExistsException e) {
                if (i > 1000) {
                    throw e;
                }
            }
        }
    }
}
