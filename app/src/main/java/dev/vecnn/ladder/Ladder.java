package dev.vecnn.ladder;

import dev.vecnn.kernels.LadderTile;
import dev.vecnn.kernels.VectorSupport;
import java.util.ArrayList;
import java.util.List;

/**
 * The GEMM ladder: the same {@code C = A * B} written eight times, each rung one idea faster than
 * the one before (docs/gemm-tutorial.md walks through them). A teaching package: nothing in the
 * library calls it. Without the Vector API (no {@code --add-modules jdk.incubator.vector}) rung 6
 * is left out, rung 7 threads rung 5's scalar tile, and {@link #skipped()} says why.
 */
public final class Ladder {
    private Ladder() {}

    /** The rungs available in this JVM, in order. */
    public static List<Rung> rungs() {
        LadderTile vector = VectorSupport.simdOrNull(LadderTile.class, "dev.vecnn.kernels.simd.LadderVectorTile");
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new NaiveIjk());
        rungs.add(new LoopOrderIkj());
        rungs.add(new CacheBlocking());
        rungs.add(new Packing());
        rungs.add(new RegisterTile());
        if (vector != null) {
            rungs.add(new VectorTile(vector));
        }
        rungs.add(new ThreadedTiles(vector != null ? vector : new ScalarTile()));
        rungs.add(new LibraryGemm());
        return rungs;
    }

    /** Why a rung is missing from {@link #rungs()}, or null when all eight are there. */
    public static String skipped() {
        if (VectorSupport.simdEnabled()) {
            return null;
        }
        return "rung 6 (Vector API micro-kernel) skipped: " + (VectorSupport.moduleReadable()
                ? "SIMD switched off (-Dvecnn.simd=false)"
                : "start the JVM with --add-modules " + VectorSupport.MODULE) + "; rung 7 threads the scalar tile";
    }
}
