package dev.vecnn.cli;

import java.io.PrintStream;

/** One {@code vecnn} subcommand. */
interface Command {
    /** The word typed after {@code vecnn}. */
    String name();

    /** One line for {@code vecnn --help}. */
    String summary();

    /**
     * Runs with the arguments after the subcommand name; returns the exit status. Problems are
     * thrown ({@link UsageException} for the command line, anything else for the run) and turned
     * into one line by {@link Main}.
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
