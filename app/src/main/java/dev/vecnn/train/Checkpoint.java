package dev.vecnn.train;

import dev.vecnn.io.DataException;
import dev.vecnn.solver.SolverCheckpoint;
import dev.vecnn.solver.SolverState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CLI's checkpoint: the Solver's state in the {@link SolverCheckpoint} format, plus the run's
 * options as text in the extra array {@code vecnn_args} (one option or value per line:
 * {@code bytes(z['vecnn_args']).decode()}), so {@code --resume} can rebuild the same run.
 */
public final class Checkpoint {
    /** The name of the extra array that holds the run's options. */
    public static final String ARGS = "vecnn_args";

    /** A checkpoint read back. */
    public static final class Loaded {
        public final List<String> args;
        public final SolverState state;

        Loaded(List<String> args, SolverState state) {
            this.args = args;
            this.state = state;
        }
    }

    private Checkpoint() {}

    /** Writes the Solver's state and the run's options to {@code file} (temporary file, then rename). */
    public static void save(Path file, List<String> args, SolverState s) throws IOException {
        byte[] text = String.join("\n", args).getBytes(StandardCharsets.UTF_8);
        SolverCheckpoint.save(file, s, Map.of(ARGS, text));
    }

    /**
     * Reads a checkpoint. Anything that is not a complete vecnn checkpoint fails with a
     * {@link DataException} naming the file and what is wrong.
     */
    public static Loaded load(Path file) throws IOException {
        SolverCheckpoint.Contents c = SolverCheckpoint.load(file);
        byte[] text = c.extras().get(ARGS);
        if (text == null) {
            throw new DataException("checkpoint " + file + ": the array '" + ARGS + "' is missing; is it a vecnn checkpoint?");
        }
        List<String> args = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                args.add(line);
            }
        }
        return new Loaded(args, c.state());
    }
}
