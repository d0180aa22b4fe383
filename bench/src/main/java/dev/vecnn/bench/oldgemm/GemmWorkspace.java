package dev.vecnn.bench.oldgemm;

// Frozen copy of the GEMM before the gemm3 branch, so GemmBench (impl=old) can compare in one run.

import dev.vecnn.kernels.GemmKernel;
import dev.vecnn.kernels.Parallel;

/**
 * Per-thread packing buffers for the blocked GEMM, grown on demand and then reused, so a GEMM
 * call allocates nothing in steady state. Each thread (the caller and each pool worker) owns
 * one workspace; a GEMM task only ever touches the workspace of the thread running it.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> LOCAL = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] floatA = new float[0];
    private float[] floatB = new float[0];
    private float[] floatTile = new float[0];
    private double[] doubleA = new double[0];
    private double[] doubleB = new double[0];
    private double[] doubleTile = new double[0];

    private GemmWorkspace() {}

    /** The calling thread's workspace. */
    static GemmWorkspace get() {
        return LOCAL.get();
    }

    float[] floatA(int size) {
        if (floatA.length < size) floatA = new float[size];
        return floatA;
    }

    float[] floatB(int size) {
        if (floatB.length < size) floatB = new float[size];
        return floatB;
    }

    float[] floatTile(int size) {
        if (floatTile.length < size) floatTile = new float[size];
        return floatTile;
    }

    double[] doubleA(int size) {
        if (doubleA.length < size) doubleA = new double[size];
        return doubleA;
    }

    double[] doubleB(int size) {
        if (doubleB.length < size) doubleB = new double[size];
        return doubleB;
    }

    double[] doubleTile(int size) {
        if (doubleTile.length < size) doubleTile = new double[size];
        return doubleTile;
    }
}
