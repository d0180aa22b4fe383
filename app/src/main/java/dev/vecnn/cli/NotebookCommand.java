package dev.vecnn.cli;

import dev.vecnn.kernels.Parallel;

import java.io.PrintStream;

/** {@code vecnn notebook}: the walkthrough of the notebook's sections 2–4 ({@link NotebookWalkthrough}). */
final class NotebookCommand implements Command {
    @Override
    public String name() {
        return "notebook";
    }

    @Override
    public String summary() {
        return "the notebook's sections 2-4: dropout forward/backward checks and gradient checks, its numbers";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Flags f = new Flags(name(), "Runs the dropout notebook's sections 2-4 in order with the notebook's seeds and prints\n"
                + "the same lines (inverted and vanilla dropout, labelled). Needs no data set.")
                .option("data", "PATH", DataLocation.DEFAULT, "not used (the walkthrough uses random data); accepted like everywhere")
                .option("threads", "N", null, "kernel threads (default: -Dvecnn.threads or all cores)")
                .parse(args, 0);
        if (f.helpRequested()) {
            out.print(f.help());
            return 0;
        }
        if (f.given("threads")) {
            Parallel.setThreads(f.integer("threads", 1, 4096));
        }
        NotebookWalkthrough.run(out);
        return 0;
    }
}
