package dev.vecnn.kernels;

import java.util.Locale;

/**
 * The register tile and cache blocking of the SIMD GEMM, chosen once per JVM from the vector
 * width and the number of vector registers; the one place these numbers are decided
 * ({@code vecnn info} prints them).
 *
 * <p><b>Register tile</b> ({@code rows x vectors}: {@code rows} rows of C, each {@code vectors}
 * vectors wide). Per depth step the micro-kernel loads {@code vectors} vectors of packed B,
 * broadcasts one A value per row and issues {@code rows * vectors} fused multiply-adds into as
 * many accumulator registers; the accumulators, the B vectors and a broadcast or two must all
 * stay in registers, or C2 spills inside the loop and the kernel runs at about half speed.
 * <ul>
 *   <li><b>32 vector registers</b> (x86 with AVX-512, whose EVEX encoding gives 32 registers at
 *   every width; AArch64): <b>8 x 2</b>, 16 accumulators + 2 B vectors + one broadcast. Per step
 *   2 B loads and 8 broadcasts feed 16 FMAs (4 x 2: 2 loads and 4 broadcasts for 8 FMAs). On
 *   Zen 5 at 512 bits, single thread, both tiles in one JVM, it beat 4 x 2 by 8-18% in float
 *   and 13-21% in double at the seed shapes (tied at NT and at n = 10); 12 x 2 (24
 *   accumulators, the BLIS/OpenBLAS SkylakeX sgemm shape) measured the same as 8 x 2 or up to
 *   9% slower, so it was not kept.</li>
 *   <li><b>16 vector registers</b> (x86 AVX2, AVX or SSE, including an AVX-512 CPU run with {@code
 *   -XX:UseAVX=2} or lower; see {@link Isa}): <b>3 x 3</b> for double on JDK 25, <b>4 x 2</b>
 *   otherwise.
 *   <br><b>6 x 2</b> (12 accumulators, the BLIS/OpenBLAS Haswell sgemm shape; {@code
 *   -Dvecnn.gemmTile=6x2}) is implemented but not chosen. Its packed kernel, store-only (the
 *   driver's C += acc goes through the scratch tile) and with A always packed (reading six A rows
 *   in place spills 8-10 vector registers), compiles on JDK 17 to a loop of 44 instructions per 12
 *   FMAs with all 16 registers in use, and then runs NN 100 x 3072 x 500 at 0.88-0.90 of numpy's
 *   Haswell kernel (Zen 5 under {@code -XX:UseAVX=2}, 2026-12-07; 4 x 2 read 0.78 the day before
 *   and 0.84-0.87 in a run later that day: the gain is a few percent). But the
 *   allocation has no slack: the same source compiled to a 60-instruction loop with 6 vector
 *   stack references in 1 of 4 runs of the experiment, 4 of 11 of {@code GemmKernelsHot} and 4
 *   of 6 of a standalone probe (the profile at compile time decides, whatever the collector), and with
 *   A padded to 8 values per step (no bounds checks left in the loop) it spilled every time; JDK
 *   25 spills it every time. A kernel that halves its speed in one JVM out of four is not a
 *   default. Should a later JDK allocate it reliably: the driver already packs A for it only where
 *   C has at least 256 columns (or op(A) is transposed) and hands narrower products to 4 x 2
 *   reading A in place ({@link #inPlacePartner}), as packing A costs about 0.5 ns per element.
 *   5 x 2 (10 accumulators) compiled without a spill in 6 of 6 probe runs, to 38-46 instructions
 *   per 10 FMAs (4 x 2: 28 per 8), too many to gain over 4 x 2; not built.
 *   <br>Elsewhere C2 (JDK 17 and 25) often issues the broadcasts of a depth step ahead of its
 *   FMAs, so the other tiles were chosen to fit with every broadcast live at once: rows + vectors
 *   + rows * vectors &lt;= 16. 4 x 2 (14 registers) has 8 accumulators, exactly the 8 independent FMA
 *   chains that two 4-cycle FMA pipes need, no slack; 3 x 3 (15 registers) is the largest such
 *   tile, 9 chains. Its packed kernel steps the loop variable by 3, so the A index and the B index
 *   (3 vectors per step) are the loop variable times a power of two and C2 drops their bounds
 *   checks (the 4 x 2 packed kernel steps by 4 the same way: stepping by one, JDK 17 rebuilt
 *   both indices from p every step; +3% float, +6% double at 1024^3 under {@code -XX:UseAVX=2},
 *   A/B in one JVM, Zen 5, JDK 17, 2026-12-06; JDK 25 within noise); the kernel reading A in
 *   place cannot do that for B, and JDK 17 keeps two checks per
 *   step there (39 instructions per 9 FMAs, JDK 25 26), so JDK 17 keeps 4 x 2; float keeps it too,
 *   as 3 float vectors are 24 columns and pad narrow C (10 or 100 columns). With an {@code add}
 *   flag and A read in place, the 12-accumulator tiles 6 x 2, 5 x 2, 4 x 3, 3 x 4 spilled an accumulator inside
 *   the loop on JDK 17 or 25 or both, whatever the order of loads and broadcasts in the source and
 *   with A packed interleaved, padded to 8 rows or in row panels, and ran at about half speed; two
 *   depth steps per iteration spill 3 x 3 too. Measured on AMD EPYC Zen 5 under {@code
 *   -XX:UseAVX=2} (JDK 17.0.15 and 25.0.3, single thread, GFLOP per CPU-second, both tiles
 *   alternating in one JVM, machine load 15-25): on JDK 25 3 x 3 against 4 x 2 gave -12% to +14%
 *   per shape (double +1 to +14% at five of six seed shapes), on JDK 17 float -18% to +5%; load
 *   moved single figures by up to 30%, so only the direction is reliable. Against numpy's Haswell
 *   kernel (one run at load 3-6, {@code GemmCpuTime} and {@code bench/gemm_numpy.py --isa avx2
 *   --cpu-time}) 4 x 2 gave float 0.72-1.05 (JDK 17) and double 0.75-1.05; on JDK 25 3 x 3 moved
 *   double from 0.80-0.98 to 0.85-1.37 (n = 10: 12 columns instead of two 8-column tiles) and float
 *   from 0.74-1.08 to 0.69-0.97.</li>
 *   <li><b>Narrow</b> (C at most one vector wide after the driver's orientation choice, e.g. the
 *   10-class output layer): <b>8 x 1</b> on every machine, 8 accumulators (8 independent FMA
 *   chains: 4-cycle latency x 2 pipes), so a 10-column C costs one vector per row, not two.
 *   With A read in place it also takes a last column panel of at most one vector of a wider C
 *   (e.g. the 4 columns left of C^T's 100 in NT 100x500x3072), instead of a padded wide tile.</li>
 * </ul>
 * Spills were checked without hsdis: {@code bench/gemm_spills.py} decodes the hex code HotSpot
 * prints with objdump. On JDK 17 and 25, at 512, 256 and 128 bits, no kernel's inner loop
 * touches the stack with a vector register; the kernels reading A in place at 8 rows reload
 * 1-5 row indices from the stack per step (8 row indices do not fit the free general registers
 * next to the loop state), a load each, which the load ports absorb.
 * The tile does not change any result: every element of C is one chain of fused multiply-adds
 * over k ascending, starting from zero in each depth block, whatever tile holds it.
 *
 * <p><b>Cache blocking.</b> {@code kc} (depth block) is 512 at every width and is <em>not</em>
 * a tuning knob: the depth blocking decides where a chain restarts from zero and C is updated,
 * so it fixes the rounding, and a fixed kc keeps results identical at every vector width and
 * tile. {@code mc} rows of packed A ({@code mc x kc}) take about 288 KB, half of a 512 KB L2
 * (144 float rows, 72 double rows, rounded down to whole tiles); {@code nc} = 1024 columns of
 * packed B ({@code kc x nc}, 2 MB float) stay in L3.
 *
 * <p>System property {@value #TILE_PROPERTY} ({@code RxV}, e.g. {@code 4x2}) forces the wide
 * tile of both precisions, for measurements and tests; {@link #WIDE_TILES} lists the shapes the
 * SIMD kernel implements.
 */
public final class GemmShape {
    /** System property forcing the wide tile, {@code <rows>x<vectors>}. */
    public static final String TILE_PROPERTY = "vecnn.gemmTile";
    /** Depth block: fixed, it decides the rounding (see the class comment). */
    public static final int KC = 512;
    /** Bytes of packed A per row block (about half of a 512 KB L2). */
    static final int A_BLOCK_BYTES = 288 * 1024;
    /** Columns per block of packed B. */
    static final int NC = 1024;
    /** Wide tiles the SIMD micro-kernels exist for, as {rows, vectors}. */
    public static final int[][] WIDE_TILES = {{4, 2}, {8, 2}, {3, 3}, {6, 2}};
    /** The wide tile with 32 vector registers (AVX-512, AArch64), as {rows, vectors}. */
    static final int[] TILE_32_REGISTERS = {8, 2};
    /** The JDK's feature release (17, 25, ...): the 16-register tile depends on it. */
    private static final int JDK = Runtime.version().feature();
    /** The narrow tile (C at most one vector wide), as {rows, vectors}. */
    public static final int[] NARROW_TILE = {8, 1};

    /** Vector registers C2 may allocate in this JVM (32 or 16), from {@link Isa#vectorRegisters()}. */
    public static final int REGISTERS = Isa.vectorRegisters();

    /** Rows of C per tile. */
    public final int rows;
    /** Vectors per tile row. */
    public final int vectors;
    /** Lanes per vector (elements). */
    public final int lanes;
    /** Bytes per element (4 float, 8 double). */
    public final int elementBytes;
    /** Depth, row and column blocks. */
    public final int kc;
    public final int mc;
    public final int nc;

    GemmShape(int rows, int vectors, int lanes, int elementBytes) {
        this.rows = rows;
        this.vectors = vectors;
        this.lanes = lanes;
        this.elementBytes = elementBytes;
        this.kc = KC;
        this.mc = Math.max(rows, A_BLOCK_BYTES / (KC * elementBytes) / rows * rows);
        int nr = vectors * lanes;
        this.nc = Math.max(nr, NC / nr * nr);
    }

    /** Tile columns ({@code vectors * lanes}). */
    public int nr() {
        return vectors * lanes;
    }

    /** The wide tile for vectors of {@code lanes} elements of {@code elementBytes} bytes on this machine. */
    public static GemmShape wide(int lanes, int elementBytes) {
        int[] t = forcedTile(System.getProperty(TILE_PROPERTY));
        if (t == null) t = REGISTERS >= 32 ? TILE_32_REGISTERS : tileFor16Registers(JDK, elementBytes);
        return new GemmShape(t[0], t[1], lanes, elementBytes);
    }

    /** The wide tile {@code rows x vectors} (one of {@link #WIDE_TILES}), for tests and measurements. */
    public static GemmShape wide(int rows, int vectors, int lanes, int elementBytes) {
        if (!isWideTile(rows, vectors)) {
            throw new IllegalArgumentException("tile: expected one of " + tileNames() + ", got " + rows + "x" + vectors);
        }
        return new GemmShape(rows, vectors, lanes, elementBytes);
    }

    /** The narrow tile (used when C has at most one vector of columns). */
    public static GemmShape narrow(int lanes, int elementBytes) {
        return new GemmShape(NARROW_TILE[0], NARROW_TILE[1], lanes, elementBytes);
    }

    /**
     * With 16 vector registers: 3 x 3 for double on JDK 25 and later, 4 x 2 otherwise. JDK 17's
     * C2 keeps two bounds checks per depth step in the 3 x 3 kernel reading A in place (the B
     * index p * 3 * lanes is not a power-of-two multiple of p), 39 instructions per 9 FMAs
     * against 26 on JDK 25; and a float 3 x 3 tile is 24 columns wide at 256 bits, which pads
     * the seed net's narrow products (10 columns; 100 in dX = dH W1^T) more than it gains.
     */
    static int[] tileFor16Registers(int jdkFeature, int elementBytes) {
        return jdkFeature >= 25 && elementBytes == Double.BYTES ? new int[] {3, 3} : new int[] {4, 2};
    }

    /**
     * Whether the SIMD kernel reads A in place for this tile when C is narrow enough (see {@code
     * BlockedGemm}): not for 6 x 2, whose six row indices next to the loop state leave C2 short of
     * registers (8-10 vector stack references per depth step on JDK 17 and 25 at 256 bits); the
     * driver packs A for it when C is wide enough, else runs {@link #inPlacePartner}.
     */
    public boolean readsAInPlace() {
        return rows != 6;
    }

    /**
     * The tile that reads A in place for this one's narrow products (C under a few hundred
     * columns, where packing A costs more than a bigger tile gains): this tile when it reads A in
     * place, else 4 x 2 (8 accumulators, one A row pointer per accumulator pair).
     */
    public GemmShape inPlacePartner() {
        return readsAInPlace() ? this : new GemmShape(4, 2, lanes, elementBytes);
    }

    static int[] forcedTile(String value) {
        if (value == null || value.isBlank()) return null;
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0]), vectors = Integer.parseInt(parts[1]);
                if (isWideTile(rows, vectors)) return new int[] {rows, vectors};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + TILE_PROPERTY + ": expected one of " + tileNames()
                + ", got '" + value + "'");
    }

    private static boolean isWideTile(int rows, int vectors) {
        for (int[] t : WIDE_TILES) {
            if (t[0] == rows && t[1] == vectors) return true;
        }
        return false;
    }

    private static String tileNames() {
        StringBuilder s = new StringBuilder();
        for (int[] t : WIDE_TILES) s.append(s.length() == 0 ? "" : ", ").append(t[0]).append('x').append(t[1]);
        return s.toString();
    }

    /**
     * E.g. {@code 8x2 vectors (8x32), kc 512 mc 144 nc 1024}; a tile without an in-place kernel
     * adds its partner: {@code ..., A packed (narrow C: 4x2 reading A in place)}.
     */
    @Override
    public String toString() {
        String tile = rows + "x" + vectors + " vectors (" + rows + "x" + nr() + "), kc " + kc + " mc " + mc + " nc " + nc;
        if (readsAInPlace()) return tile;
        GemmShape partner = inPlacePartner();
        return tile + ", A packed (narrow C: " + partner.rows + "x" + partner.vectors + " reading A in place)";
    }

    /** One line for {@code vecnn info}: the tiles in use, or the scalar one. */
    public static String describe() {
        if (!"simd".equals(Gemm.implementation())) {
            return "scalar 4x4 (no SIMD)";
        }
        int fl = VectorSupport.floatLanes(), dl = VectorSupport.doubleLanes();
        return "float " + wide(fl, 4) + "; double " + wide(dl, 8)
                + "; narrow C (n <= 1 vector) " + NARROW_TILE[0] + "x" + NARROW_TILE[1]
                + "; " + Isa.describe();
    }
}
