package dev.vecnn.data;

import java.io.IOException;
import java.util.List;

/**
 * The long fuzz run: {@code FuzzMain [iterations] [parser...]} (default 1,000,000 inputs for each
 * of {@link FuzzTargets#NAMES}), with a 10-second per-input hang limit. Prints one line of counts
 * per parser and exits with status 1 if any input crashed, hung or over-allocated (the inputs are
 * saved in {@code target/fuzz-crashes/}). See FUZZING.md for the command.
 */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] args) throws IOException {
        long iterations = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
        List<String> parsers = args.length > 1 ? List.of(args).subList(1, args.length) : FuzzTargets.NAMES;
        long seed = Long.getLong("vecnn.fuzz.seed", 20260514L);
        boolean failed = false;
        for (String parser : parsers) {
            FuzzTargets.Spec spec = FuzzTargets.get(parser);
            Fuzzer.Result r = Fuzzer.run(parser, spec.seeds, spec.target, iterations, seed + parser.hashCode(), 10);
            System.out.println(r);
            for (String crash : r.crashes) {
                System.out.println("  CRASH " + crash);
            }
            failed |= !r.crashes.isEmpty();
        }
        System.exit(failed ? 1 : 0);
    }
}
