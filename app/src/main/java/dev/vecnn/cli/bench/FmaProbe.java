package dev.vecnn.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent check of the Java FMA loop's peak: {@code bench/fma_probe.c} (shipped in the jar
 * beside this class), twelve FMA chains in inline assembly, compiled with the first C compiler on
 * the PATH ({@code cc}, {@code gcc}, {@code clang}) into a temporary folder and run for one vector
 * width on one thread. Its output lines, {@code fma <bits> <dtype> <GFLOP/s>} or
 * {@code fma <bits> <dtype> skipped: <reason>}, become {@link Peak}s; when there is no compiler,
 * the compile fails or the CPU lacks the width, the result says why in one line.
 */
public final class FmaProbe {
    /** Compilers tried, in order. */
    static final List<String> COMPILERS = List.of("cc", "gcc", "clang");

    /** One measured line: GFLOP/s of the probe at {@code bits} in {@code dtype} on one thread. */
    public record Peak(int bits, String dtype, double gflops) {}

    /**
     * What the probe gave: its peaks (empty when it did not run) and, when it did not run or
     * skipped a width, why (null otherwise).
     */
    public record Result(List<Peak> peaks, String note) {
        /** GFLOP/s for {@code dtype} at {@code bits}, NaN when not measured. */
        public double gflops(int bits, String dtype) {
            for (Peak p : peaks) {
                if (p.bits() == bits && p.dtype().equals(dtype)) {
                    return p.gflops();
                }
            }
            return Double.NaN;
        }
    }

    private FmaProbe() {}

    /**
     * Parses the probe's output. Lines that are not {@code fma ...} are ignored; a {@code skipped}
     * line's reason becomes the note.
     *
     * @throws IllegalArgumentException for an {@code fma} line that does not parse (naming the line)
     */
    static Result parse(String output) {
        List<Peak> peaks = new ArrayList<>();
        String note = null;
        for (String line : output.split("\\R")) {
            String[] words = line.strip().split("\\s+", 4);
            if (words.length < 4 || !words[0].equals("fma")) {
                continue;
            }
            int bits;
            try {
                bits = Integer.parseInt(words[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fma probe: expected a vector width in bits, got '" + words[1]
                        + "' in line '" + line + "'");
            }
            String dtype = words[2];
            if (!dtype.equals("float32") && !dtype.equals("float64")) {
                throw new IllegalArgumentException("fma probe: expected float32 or float64, got '" + dtype + "' in line '" + line + "'");
            }
            if (words[3].startsWith("skipped")) {
                String why = words[3].replaceFirst("^skipped:?\\s*", "");
                note = "C FMA probe skipped " + bits + "-bit " + dtype + ": " + why;
                continue;
            }
            double gflops;
            try {
                gflops = Double.parseDouble(words[3]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fma probe: expected GFLOP/s, got '" + words[3] + "' in line '" + line + "'");
            }
            if (!(gflops > 0) || Double.isInfinite(gflops)) {
                throw new IllegalArgumentException("fma probe: expected a positive GFLOP/s, got " + words[3] + " in line '" + line + "'");
            }
            peaks.add(new Peak(bits, dtype, gflops));
        }
        if (peaks.isEmpty() && note == null) {
            note = "C FMA probe printed no result";
        }
        return new Result(List.copyOf(peaks), note);
    }

    /** Compiles and runs the probe at {@code bits} (128, 256 or 512); never throws. */
    public static Result run(int bits) {
        if (bits != 128 && bits != 256 && bits != 512) {
            return new Result(List.of(), "C FMA probe: no " + bits + "-bit variant (it has 128, 256 and 512)");
        }
        if (!isX86()) {
            return new Result(List.of(), "C FMA probe: x86 only (os.arch " + System.getProperty("os.arch") + ")");
        }
        String compiler = compiler();
        if (compiler == null) {
            return new Result(List.of(), "C FMA probe: no C compiler (cc, gcc or clang) on the PATH; the peak is the Java loop's alone");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vecnn-fma-probe");
            Path source = dir.resolve("fma_probe.c");
            try (InputStream in = FmaProbe.class.getResourceAsStream("fma_probe.c")) {
                if (in == null) {
                    return new Result(List.of(), "C FMA probe: fma_probe.c missing from the jar");
                }
                Files.write(source, in.readAllBytes());
            }
            Path binary = dir.resolve("fma_probe");
            Output compiled = exec(List.of(compiler, "-O2", "-o", binary.toString(), source.toString()), 60);
            if (compiled.status != 0) {
                return new Result(List.of(), "C FMA probe: " + compiler + " failed (status " + compiled.status + "): "
                        + firstLine(compiled.text));
            }
            Output ran = exec(List.of(binary.toString(), String.valueOf(bits)), 60);
            if (ran.status != 0) {
                return new Result(List.of(), "C FMA probe: exited with status " + ran.status + ": " + firstLine(ran.text));
            }
            return parse(ran.text);
        } catch (IOException | IllegalArgumentException e) {
            return new Result(List.of(), "C FMA probe: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of(), "C FMA probe: interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The first compiler in {@link #COMPILERS} that answers {@code --version}, or null. */
    private static String compiler() {
        for (String c : COMPILERS) {
            try {
                if (exec(List.of(c, "--version"), 10).status == 0) {
                    return c;
                }
            } catch (IOException e) {
                // not on the PATH
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private record Output(int status, String text) {}

    private static Output exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " took more than " + timeoutSeconds + " s");
        }
        return new Output(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }

    /** E.g. "C FMA probe (256-bit, 1 thread): 108.7 GFLOP/s float32, 54.3 float64". */
    static String describe(Result r, int bits) {
        double f = r.gflops(bits, "float32");
        double d = r.gflops(bits, "float64");
        return String.format(Locale.ROOT, "C FMA probe (%d-bit, 1 thread): %s GFLOP/s float32, %s float64", bits,
                Report.num(f, 1), Report.num(d, 1));
    }
}
