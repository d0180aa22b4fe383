package dev.vecnn.kernels.simd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Writes the float/double twins that Java's primitives and the Vector API force (a
 * {@code FloatVector} kernel and a {@code DoubleVector} kernel, or a {@code float[]} loop and a
 * {@code double[]} loop, cannot share code without boxing) from one source each, into
 * {@value #GENERATED_DIR} (a source folder of its own, so nobody edits them by mistake and the
 * duplicate count of {@code src/main/java} leaves them out):
 * <ul>
 *   <li>{@code SimdGemmFloatTiles} and {@code SimdGemmDoubleTiles}, the GEMM micro-kernels, one
 *   method per register tile, from the tile list {@link #TILES} and the code shape written out
 *   below;</li>
 *   <li>every template {@code *.java.template} under {@value #TEMPLATE_DIR}, at the same package
 *   path. A template whose name holds {@code $E} gives one file per precision ({@code
 *   SimdSkinny$E.java.template}: {@code SimdSkinnyFloat.java}, {@code SimdSkinnyDouble.java}); any
 *   other gives one file in which each section between a line {@code //$twins} and a line
 *   {@code //$end} is written twice, for float and then for double (the float and double methods
 *   of one class).</li>
 * </ul>
 * Templates spell the precision with {@code $EV} ({@code FloatVector}), {@code $E}
 * ({@code Float}), {@code $e} ({@code float}), {@code $S}/{@code $L} (the species and lane-count
 * fields {@code FS}/{@code FL}), {@code $SF} ({@code Species.FLOATS}), {@code $W} (the bits,
 * {@code 32}), {@code $f} (a literal's suffix: {@code 0$f} is {@code 0f} or {@code 0d}, so the
 * Vector API picks the element-type overload) and {@code $p} (BLAS's precision letter:
 * {@code $pgemm} is {@code sgemm} or {@code dgemm}). A line holding {@code //$float } or
 * {@code //$double } is kept, without the marker, only in that precision (where the two differ:
 * float narrows the driver's double alpha and beta; the scalar GEMM's row block).
 * Each generated file starts with a "generated from ..., do not edit" header;
 * {@code TwinGeneratorTest} regenerates them in memory and fails when a committed file differs.
 *
 * <p>Run it from the module folder after changing a template or this file (JDK only, no build):
 * <pre>java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java</pre>
 */
public final class TwinGenerator {
    /** Where the generated classes go (a source folder), relative to the module folder. */
    static final String GENERATED_DIR = "src/generated/java";
    /** Where the templates are, relative to the module folder; package paths below it. */
    static final String TEMPLATE_DIR = "src/template/java";
    /** The package path of the GEMM tiles. */
    static final String TILES_PACKAGE = "dev/vecnn/kernels/simd";
    /** This file, relative to the module folder (named in the headers). */
    static final String SELF = "src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java";
    /** The first words of every generated file. */
    static final String HEADER = "// Generated from ";

    /**
     * One register tile: {@code rows x vectors} accumulators; depth steps per loop iteration of
     * the kernel reading A in place (the packed kernels do one). Every tile does one: with two,
     * JDK 17's C2 spilled vector registers in k4x2Rows and k8x1Rows at 256 bits (16 registers)
     * under the Parallel and Serial collectors (not under G1; bench/gemm_spills.py with
     * -XX:UseAVX=2 -XX:+UseParallelGC), and NN 100x3072x500 float32 ran at 26-40 instead of
     * 65-75 GFLOP per CPU-second (bench GemmDrift, Zen 5, JDK 17); one step runs as fast under
     * G1 and at 512 bits. Two steps stay possible for a tile measured faster with them. Zero: the
     * tile has no in-place kernel and the driver packs A for it (6 x 2: six row indices next to
     * the loop state left C2 short of registers, 8-10 vector stack references per step on JDK 17
     * and 25 at 256 bits). {@code setOnly}: the packed kernel has no {@code add} flag and only
     * writes {@code C = acc}; the driver's {@code C += acc} goes through the scratch tile. With the
     * flag, the first {@code C += acc} call deoptimized a compile that had seen only {@code C =
     * acc}, and C2's recompile spilled 6 vector registers inside the loop (JDK 17, 256 bits, in
     * the experiment); a separate {@code C += acc} method spilled 2-6 in more contexts than the
     * store-only one ({@code bench/gemm_spills.py}), which still spills in some compiles: why 6 x 2
     * is only a forced tile (GemmShape).
     */
    record Tile(int rows, int vectors, int rowsSteps, boolean setOnly) {
        String name() {
            return "k" + rows + "x" + vectors;
        }
    }

    /**
     * The tiles, in file order; {@code GemmShape.WIDE_TILES}, {@code GemmShape.NARROW_TILE} and
     * the dispatch in {@code SimdGemm} name the same ones (see GemmShape for why these).
     */
    static final List<Tile> TILES = List.of(
            new Tile(4, 2, 1, false),
            new Tile(8, 2, 1, false),
            new Tile(8, 1, 1, false),
            new Tile(3, 3, 1, false),
            new Tile(6, 2, 0, true));

    /** One precision's spellings. */
    record Precision(String Elem, String elem, String species, String lanes, String speciesField, String bits,
                     String suffix, String blas) {}

    static final Precision FLOAT = new Precision("Float", "float", "FS", "FL", "FLOATS", "32", "f", "s");
    static final Precision DOUBLE = new Precision("Double", "double", "DS", "DL", "DOUBLES", "64", "d", "d");

    private TwinGenerator() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : GENERATED_DIR);
        Map<String, String> files = generate();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + target);
        }
        for (String stale : committed(dir)) {
            if (!files.containsKey(stale)) {
                Files.delete(dir.resolve(stale));
                System.out.println("deleted " + dir.resolve(stale) + " (no template makes it)");
            }
        }
    }

    /**
     * Path below {@value #GENERATED_DIR} (e.g. {@code dev/vecnn/kernels/simd/SimdGemm.java}) to
     * content, for every generated file (templates read from the module folder).
     */
    static Map<String, String> generate() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Precision p : List.of(FLOAT, DOUBLE)) {
            files.put(TILES_PACKAGE + "/SimdGemm" + p.Elem + "Tiles.java", tiles(p));
        }
        for (String template : templates()) {
            String text = Files.readString(Path.of(TEMPLATE_DIR, template), StandardCharsets.UTF_8);
            String header = HEADER + TEMPLATE_DIR + "/" + template + " by TwinGenerator; do not edit.\n"
                    + "// Regenerate (in core/): java " + SELF + "\n";
            String target = template.substring(0, template.length() - ".template".length());
            if (target.contains("$E")) {
                for (Precision p : List.of(FLOAT, DOUBLE)) {
                    files.put(target.replace("$E", p.Elem), header + respell(text, p));
                }
            } else {
                files.put(target, header + twinSections(text, template));
            }
        }
        return files;
    }

    /** The templates, paths below {@value #TEMPLATE_DIR}, sorted. */
    static List<String> templates() throws IOException {
        return relativeFiles(Path.of(TEMPLATE_DIR), ".java.template");
    }

    /** The generated files committed below {@code dir}, paths relative to it. */
    static List<String> committed(Path dir) throws IOException {
        return relativeFiles(dir, ".java");
    }

    private static List<String> relativeFiles(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(suffix))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        }
    }

    /** {@code text} with each {@code //$twins ... //$end} section written for float, then double. */
    static String twinSections(String text, String template) {
        StringBuilder out = new StringBuilder();
        List<String> section = null;
        int sections = 0;
        for (String line : text.split("\n", -1)) {
            String marker = line.strip();
            if (marker.equals("//$twins")) {
                if (section != null) throw new IllegalArgumentException(template + ": //$twins inside a section");
                section = new ArrayList<>();
            } else if (marker.equals("//$end")) {
                if (section == null) throw new IllegalArgumentException(template + ": //$end without //$twins");
                String body = String.join("\n", section) + "\n";
                out.append(respell(body, FLOAT)).append(respell(body, DOUBLE));
                section = null;
                sections++;
            } else if (section != null) {
                section.add(line);
            } else {
                out.append(line).append('\n');
            }
        }
        if (section != null) throw new IllegalArgumentException(template + ": //$twins without //$end");
        if (sections == 0) throw new IllegalArgumentException(template + ": no $E in its name and no //$twins section");
        out.setLength(out.length() - 1); // the split's last piece is what follows the last newline
        return out.toString();
    }

    /**
     * {@code text} in precision {@code t}: lines marked for the other precision dropped, the marker
     * of this one removed, {@code $EV $E $e $SF $S $L $W $f $p} substituted.
     */
    static String respell(String text, Precision t) {
        String keep = "//$" + t.elem;
        String drop = "//$" + (t == FLOAT ? DOUBLE : FLOAT).elem;
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith(drop)) continue;
            int at = line.indexOf(keep);
            if (at >= 0 && line.substring(0, at).isBlank()) {
                String rest = line.substring(at + keep.length());
                line = rest.isBlank() ? "" : line.substring(0, at) + (rest.startsWith(" ") ? rest.substring(1) : rest);
            }
            lines.append(line).append('\n');
        }
        lines.setLength(lines.length() - 1);
        return lines.toString().replace("$EV", t.Elem + "Vector").replace("$E", t.Elem).replace("$e", t.elem)
                .replace("$SF", t.speciesField).replace("$S", t.species).replace("$L", t.lanes)
                .replace("$W", t.bits).replace("$f", t.suffix)
                .replace("$p", t.blas);
    }

    // ---------------------------------------------------------------- GEMM tiles

    static String tiles(Precision t) {
        Out o = new Out(t);
        o.line(HEADER + "the tile list in " + SELF + " by TwinGenerator; do not edit.");
        o.line("// Regenerate (in core/): java " + SELF);
        o.line("package dev.vecnn.kernels.simd;");
        o.line("");
        o.line("import jdk.incubator.vector.$EV;");
        o.line("import jdk.incubator.vector.VectorSpecies;");
        o.line("");
        o.line("/**");
        o.line(" * The $e GEMM micro-kernels of {@link SimdGemm}, one method per register tile");
        o.line(" * ({@code k<rows>x<vectors>}: A packed, {@code ...Rows}: A read in place, row r at");
        o.line(" * {@code a[aIdx + r*lda + p]}). Each computes, for one tile of C over one depth block,");
        o.line(" * {@code acc[r][j] = fma(A[r][p], B[p][j], acc[r][j])} for p ascending from zero, and writes the");
        o.line(" * tile from its registers, row r at {@code c[cIdx + r*ldc ..]}: {@code C = C + acc} when");
        o.line(" * {@code add}, else {@code C = acc} (C itself when alpha is 1, else a scratch tile of row");
        o.line(" * length {@code ldc = vectors * lanes} that the driver's tile write scales).");
        o.line(" *");
        o.line(" * <p>Written out straight-line: every accumulator is a separate local, so C2 keeps them in");
        o.line(" * registers; a loop over an array of vectors would box them. Some kernels do two depth steps");
        o.line(" * per iteration with one loop index (fewer index updates per FMA; see {@link SimdGemm}); the");
        o.line(" * others one step (enough FMAs per step amortise the index work, and a smaller method keeps");
        o.line(" * C2's compile of it short and within its node budget).");
        o.line(" */");
        o.line("final class SimdGemm$ETiles {");
        o.line("    private static final VectorSpecies<$E> $S = Species.$SF;");
        o.line("    private static final int $L = $S.length();");
        o.line("");
        o.line("    private SimdGemm$ETiles() {}");
        for (Tile tile : TILES) {
            o.line("");
            packedKernel(o, tile, tile.setOnly ? Epilogue.SET : Epilogue.EITHER);
            if (tile.rowsSteps > 0) {
                o.line("");
                rowsKernel(o, tile);
            }
        }
        o.line("");
        o.line("}");
        return o.toString();
    }

    private static void zeroAccumulators(Out o, Tile t) {
        for (int r = 0; r < t.rows; r++) {
            List<String> decls = new ArrayList<>();
            for (int j = 0; j < t.vectors; j++) decls.add("$EV c" + r + "_" + j + " = $EV.zero($S);");
            o.line("        " + String.join(" ", decls));
        }
    }

    /**
     * The epilogue: the tile goes straight from the accumulators into C (row r at {@code
     * c[cIdx + r*ldc ..]}): {@code C = C + acc} when {@code add}, else {@code C = acc}. That is the
     * driver's writeTile for alpha 1 (alpha*acc is exact); other alphas go through the scratch
     * tile. No alpha here: a scale factor live across the loop takes the vector register that the
     * 3 x 3 tile needs (JDK 25 spilled accumulators with it). {@link Epilogue#SET}: {@code C = acc}
     * only, no {@code add} flag.
     */
    private static void writeAccumulators(Out o, Tile t, Epilogue e) {
        List<String> rows = new ArrayList<>();
        for (int r = 1; r < t.rows; r++) rows.add("row" + r + " = cIdx + " + (r == 1 ? "" : r + " * ") + "ldc");
        o.line("        int " + String.join(", ", rows) + ";");
        String indent = e == Epilogue.EITHER ? "            " : "        ";
        if (e == Epilogue.EITHER) {
            o.line("        if (add) {");
            for (int r = 0; r < t.rows; r++) {
                for (int j = 0; j < t.vectors; j++) {
                    String at = cIndex(r, j);
                    o.line(indent + "$EV.fromArray($S, c, " + at + ").add(c" + r + "_" + j + ").intoArray(c, " + at + ");");
                }
            }
            o.line("        } else {");
        }
        for (int r = 0; r < t.rows; r++) {
            for (int j = 0; j < t.vectors; j++) {
                o.line(indent + "c" + r + "_" + j + ".intoArray(c, " + cIndex(r, j) + ");");
            }
        }
        if (e == Epilogue.EITHER) o.line("        }");
    }

    /** Index in C of vector j of tile row r. */
    private static String cIndex(int r, int j) {
        String row = r == 0 ? "cIdx" : "row" + r;
        return j == 0 ? row : j == 1 ? row + " + $L" : row + " + " + j + " * $L";
    }

    /** {@code bi} plus the offset of vector j of depth step s (relative to the iteration's first). */
    private static String bIndex(Tile t, int s, int j) {
        String base = s == 0 ? "bi" : "bi + " + (s * t.vectors) + " * $L";
        return j == 0 ? base : j == 1 ? base + " + $L" : base + " + " + j + " * $L";
    }

    /** One depth step: load the B vectors, then per row broadcast A and FMA into the row's accumulators. */
    private static void step(Out o, Tile t, String indent, int s, IntFunction<String> aValue) {
        for (int j = 0; j < t.vectors; j++) {
            o.line(indent + "$EV b" + j + " = $EV.fromArray($S, bp, " + bIndex(t, s, j) + ");");
        }
        for (int r = 0; r < t.rows; r++) {
            o.line(indent + "x = $EV.broadcast($S, " + aValue.apply(r) + ");");
            for (int j = 0; j < t.vectors; j++) {
                o.line(indent + "c" + r + "_" + j + " = x.fma(b" + j + ", c" + r + "_" + j + ");");
            }
        }
    }

    /** What a kernel's epilogue does with C: {@code C = acc}, or either that or {@code C += acc} by its {@code add} flag. */
    private enum Epilogue { SET, EITHER }

    private static void packedKernel(Out o, Tile t, Epilogue e) {
        o.line("    static void " + t.name() + "(int depth, $e[] ap, int aIdx, $e[] bp, int bIdx,");
        o.line("            $e[] c, int cIdx, int ldc" + (e == Epilogue.EITHER ? ", boolean add" : "") + ") {");
        zeroAccumulators(o, t);
        if (Integer.bitCount(t.rows) == 1 && t.rows <= 2 * t.vectors) {
            // q = p * rows: the A index q, the B index q times vectors * lanes / rows, a whole
            // power of two at every width (lanes >= 2). Stepping p instead, C2 (JDK 17, 4 x 2 at
            // 256 bits) rebuilt both indices from p each step and rotated two accumulators
            // through a spare register: 32 instructions per 8 FMAs against 28, +4-5% at 1024^3
            o.line("        for (int q = 0; q < depth * " + t.rows + "; q += " + t.rows + ") {");
            o.line("            int bi = bIdx + q * (" + t.vectors + " * $L / " + t.rows + ");");
            o.line("            int ai = aIdx + q;");
        } else if (t.rows == t.vectors) {
            // q = p * rows: the A index is q and the B index q * lanes, both the loop variable
            // times a power of two (JDK 17 keeps the bounds checks of p * 3 and p * 24 in the loop)
            o.line("        for (int q = 0; q < depth * " + t.rows + "; q += " + t.rows + ") {");
            o.line("            int bi = bIdx + q * $L;");
            o.line("            int ai = aIdx + q;");
        } else {
            // 8 x 1, 6 x 2: one step per iteration (6 x 2 on JDK 17 at 256 bits: 44 instructions
            // per 12 FMAs, no spill, no bounds check in the loop)
            o.line("        for (int p = 0; p < depth; p++) {");
            o.line("            int bi = bIdx + p * (" + t.vectors + " * $L);");
            o.line("            int ai = aIdx + p * " + t.rows + ";");
        }
        o.line("            $EV x;");
        step(o, t, "            ", 0, r -> r == 0 ? "ap[ai]" : "ap[ai + " + r + "]");
        o.line("        }");
        writeAccumulators(o, t, e);
        o.line("    }");
    }

    private static String rowIndex(int r) {
        return r == 0 ? "aIdx" : "a" + r;
    }

    private static void rowsKernel(Out o, Tile t) {
        o.line("    static void " + t.name() + "Rows(int depth, $e[] a, int aIdx, int lda, $e[] bp, int bIdx,");
        o.line("            $e[] c, int cIdx, int ldc, boolean add) {");
        zeroAccumulators(o, t);
        List<String> rows = new ArrayList<>();
        for (int r = 1; r < t.rows; r++) rows.add("a" + r + " = aIdx + " + (r == 1 ? "" : r + " * ") + "lda");
        o.line("        int " + String.join(", ", rows) + ";");
        o.line("        int p = 0;");
        int n = t.rowsSteps;
        if (n > 1) {
            o.line("        for (; p < depth - " + (n - 1) + "; p += " + n + ") {");
            o.line("            int bi = bIdx + p * (" + t.vectors + " * $L);");
            o.line("            $EV x;");
            for (int s = 0; s < n; s++) {
                final int step = s;
                o.line("            {");
                step(o, t, "                ", s,
                        r -> "a[" + rowIndex(r) + " + p" + (step == 0 ? "" : " + " + step) + "]");
                o.line("            }");
            }
            o.line("        }");
        }
        o.line("        for (; p < depth; p++) {");
        o.line("            int bi = bIdx + p * (" + t.vectors + " * $L);");
        o.line("            $EV x;");
        step(o, t, "            ", 0, r -> "a[" + rowIndex(r) + " + p]");
        o.line("        }");
        writeAccumulators(o, t, Epilogue.EITHER);
        o.line("    }");
    }

    /** Lines with the precision's spellings substituted ({@link #respell}). */
    static final class Out {
        private final StringBuilder text = new StringBuilder();
        private final Precision t;

        Out(Precision t) {
            this.t = t;
        }

        void line(String s) {
            text.append(respell(s, t)).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
