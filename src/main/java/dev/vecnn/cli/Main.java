package dev.vecnn.cli;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code vecnn} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String cmd = args.length == 0 ? "info" : args[0];
        switch (cmd) {
            case "info":
                return info(out);
            case "-h":
            case "--help":
            case "help":
                out.println("usage: vecnn <command> [options]\n\ncommands:\n  info   kernels in use, SIMD width, threads, JDK, self-check");
                return 0;
            default:
                err.println("vecnn: unknown command '" + cmd + "' (try: vecnn --help)");
                return 2;
        }
    }

    static int info(PrintStream out) {
        out.println("vecnn kernels : " + VectorSupport.describe());
        out.println("SIMD lanes    : " + VectorSupport.floatLanes() + " float, "
                + VectorSupport.doubleLanes() + " double");
        out.println("threads       : " + Parallel.threads());
        out.println("JDK           : " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        // Quick self-check: a small GEMM against a hand-computed product.
        float[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        float[] expected = {58, 64, 139, 154};
        boolean ok = Arrays.equals(c, expected);
        out.println("self-check    : " + (ok ? "ok" : "FAILED: sgemm gave " + Arrays.toString(c)));
        return ok ? 0 : 1;
    }
}
