package dev.vecnn.io;

import java.nio.file.Path;

/**
 * Child process for {@link AtomicWriteFaultTest}: writes versions 1, 2, 3, … of a 4 MiB
 * checkpoint to the file named by its argument, printing "wrote N" after each, until killed.
 */
public final class CheckpointWriterProcess {
    static final int SIZE = 1 << 20;

    private CheckpointWriterProcess() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        for (int version = 1; ; version++) {
            Npz.write(target, AtomicWriteFaultTest.checkpoint(version, SIZE));
            System.out.println("wrote " + version);
            System.out.flush();
        }
    }
}
