package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.BlockedGemm;
import dev.vecnn.kernels.DoubleGemmLeaves;
import dev.vecnn.kernels.FloatGemmLeaves;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD GEMM (Vector API): the blocked, packed driver of {@link BlockedGemm} with a register-tiled
 * micro-kernel of 4 rows x 2 vectors (4x16 floats or 4x8 doubles on AVX2): for each 4x16 tile
 * of C and each depth block, {@code acc[r][j] = fma(A[r][p], B[p][j], acc[r][j])} for p
 * ascending, then {@code C = alpha*acc (+ beta*C)} or {@code C += alpha*acc} (mul, then add).
 *
 * <p>Per depth step p the kernel loads two vectors of the packed B row, broadcasts each of the 4
 * A values and issues 8 fused multiply-adds into 8 accumulator registers (eight independent FMA
 * chains: the FMA latency of 4 cycles x 2 pipes on Zen 3). Register budget: 8 accumulators +
 * 2 or 4 B vectors + the broadcasts C2 hoists must fit the 16 AVX2 registers; 6x16 and 4x24
 * tiles (12 accumulators) spill inside the loop on JDK 17 or JDK 25 (checked in the
 * disassembly), halving their speed. The kernels reading A in place ({@code microKernelRows},
 * used when C has few columns: the training and evaluation forward products) do two depth steps
 * per loop iteration; the packed kernels do one.
 *
 * <p>The accumulators leave the registers once per depth block, into a scratch tile that
 * {@code writeTile} adds to C with vector operations (same rounding as the scalar edge path).
 */
public final class SimdGemm extends BlockedGemm {
    private static final VectorSpecies<Float> FS = Species.FLOATS;
    private static final VectorSpecies<Double> DS = Species.DOUBLES;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    private static final int MR = 4;
    private static final int NRF = 2 * FL;
    private static final int NRD = 2 * DL;

    /**
     * Blocking for AVX2-class cores (32 KB L1d, 512 KB L2): a depth block of 512 keeps the
     * packed A block (mc x kc: 144 x 512 floats or 72 x 512 doubles, about 290 KB) in L2 and
     * halves the passes over C compared with 256 (each pass re-reads and re-writes the C tile,
     * measured at about 15% of the time at 1024^3 with 256).
     */
    public SimdGemm() {
        super(new F32(), new F64());
    }

    /** Float micro-kernels, tile write and packing. */
    private static final class F32 extends FloatGemmLeaves {
        F32() {
            super(MR, NRF, 512, 144, 1024);
        }

        @Override
        protected void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
            FloatVector c00 = FloatVector.zero(FS), c01 = FloatVector.zero(FS);
            FloatVector c10 = FloatVector.zero(FS), c11 = FloatVector.zero(FS);
            FloatVector c20 = FloatVector.zero(FS), c21 = FloatVector.zero(FS);
            FloatVector c30 = FloatVector.zero(FS), c31 = FloatVector.zero(FS);
            for (int p = 0; p < depth; p++) {
                int bi = bIdx + p * NRF;
                int ai = aIdx + p * MR;
                FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
                FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
                FloatVector x = FloatVector.broadcast(FS, ap[ai]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(FS, ap[ai + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(FS, ap[ai + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(FS, ap[ai + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(acc, 0);
            c01.intoArray(acc, FL);
            c10.intoArray(acc, NRF);
            c11.intoArray(acc, NRF + FL);
            c20.intoArray(acc, 2 * NRF);
            c21.intoArray(acc, 2 * NRF + FL);
            c30.intoArray(acc, 3 * NRF);
            c31.intoArray(acc, 3 * NRF + FL);
        }

        /**
         * Vector version of the driver's formula, operation for operation (mul, then add; no fma).
         * One straight-line loop per case, chosen once per tile: no vector merges two branches.
         */
        @Override
        protected void writeTile(float[] acc, float[] c, int cIdx, int ldc, float alpha, float beta,
                                 boolean first) {
            if (!first) {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRF; j += FL) {
                        FloatVector.fromArray(FS, c, row + j).add(FloatVector.fromArray(FS, acc, r * NRF + j).mul(alpha))
                                .intoArray(c, row + j);
                    }
                }
            } else if (beta == 0) {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRF; j += FL) {
                        FloatVector.fromArray(FS, acc, r * NRF + j).mul(alpha).intoArray(c, row + j);
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRF; j += FL) {
                        FloatVector.fromArray(FS, acc, r * NRF + j).mul(alpha)
                                .add(FloatVector.fromArray(FS, c, row + j).mul(beta))
                                .intoArray(c, row + j);
                    }
                }
            }
        }

        /**
         * A read in place, rows r = 0..3 at {@code a[aIdx + r*lda + p]}. Two depth steps per loop
         * iteration with a single loop index, every array index linear in it: C2 removes all bounds
         * checks and the loop takes about 2.8 instructions per FMA on JDK 17 (3.9 with one step per
         * iteration, where the index arithmetic made the loop front-end bound). Unrolling further,
         * or unrolling the packed kernel, makes C2 load all B vectors or broadcasts ahead and spill.
         */
        @Override
        protected void microKernelRows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
            FloatVector c00 = FloatVector.zero(FS), c01 = FloatVector.zero(FS);
            FloatVector c10 = FloatVector.zero(FS), c11 = FloatVector.zero(FS);
            FloatVector c20 = FloatVector.zero(FS), c21 = FloatVector.zero(FS);
            FloatVector c30 = FloatVector.zero(FS), c31 = FloatVector.zero(FS);
            int row1 = aIdx + lda, row2 = row1 + lda, row3 = row2 + lda;
            FloatVector b0, b1, x;
            int p = 0;
            for (; p < depth - 1; p += 2) {
                int bi = bIdx + p * NRF;
                b0 = FloatVector.fromArray(FS, bp, bi);
                b1 = FloatVector.fromArray(FS, bp, bi + FL);
                x = FloatVector.broadcast(FS, a[aIdx + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(FS, a[row1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(FS, a[row2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(FS, a[row3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                b0 = FloatVector.fromArray(FS, bp, bi + NRF);
                b1 = FloatVector.fromArray(FS, bp, bi + NRF + FL);
                x = FloatVector.broadcast(FS, a[aIdx + p + 1]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(FS, a[row1 + p + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(FS, a[row2 + p + 1]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(FS, a[row3 + p + 1]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            for (; p < depth; p++) {
                int bi = bIdx + p * NRF;
                b0 = FloatVector.fromArray(FS, bp, bi);
                b1 = FloatVector.fromArray(FS, bp, bi + FL);
                x = FloatVector.broadcast(FS, a[aIdx + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(FS, a[row1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(FS, a[row2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(FS, a[row3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(acc, 0);
            c01.intoArray(acc, FL);
            c10.intoArray(acc, NRF);
            c11.intoArray(acc, NRF + FL);
            c20.intoArray(acc, 2 * NRF);
            c21.intoArray(acc, 2 * NRF + FL);
            c30.intoArray(acc, 3 * NRF);
            c31.intoArray(acc, 3 * NRF + FL);
        }

        /** Non-transposed B: each packed row of a full panel is two vector copies. */
        @Override
        protected void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int depth,
                             int col0, int cols, int nr, float[] dst) {
            int fullCols = cols / NRF * NRF;
            if (transB || nr != NRF) {
                super.packB(transB, b, bOff, ldb, p0, depth, col0, cols, nr, dst);
                return;
            }
            for (int p = 0; p < depth; p++) {
                int src = bOff + (p0 + p) * ldb + col0;
                for (int q = 0, d = p * NRF; q < fullCols; q += NRF, d += NRF * depth) {
                    FloatVector.fromArray(FS, b, src + q).intoArray(dst, d);
                    FloatVector.fromArray(FS, b, src + q + FL).intoArray(dst, d + FL);
                }
            }
            int rest = cols - fullCols;
            if (rest > 0) {
                // Last, narrower panel. Its padding columns only feed accumulator columns that are
                // never written to C (lanes do not mix), so where the array is long enough the
                // whole panel row is copied with vectors, neighbours included; else zero-padded.
                for (int p = 0, d = fullCols * depth; p < depth; p++, d += NRF) {
                    int src = bOff + (p0 + p) * ldb + col0 + fullCols;
                    if (src + NRF <= b.length) {
                        FloatVector.fromArray(FS, b, src).intoArray(dst, d);
                        FloatVector.fromArray(FS, b, src + FL).intoArray(dst, d + FL);
                    } else {
                        for (int j = 0; j < rest; j++) dst[d + j] = b[src + j];
                        for (int j = rest; j < NRF; j++) dst[d + j] = 0f;
                    }
                }
            }
        }

        /**
         * Transposed A: the MR values of a panel at step p are contiguous; four moves each, reading
         * along the rows of A. (A 128-bit FloatVector copy here is not intrinsified by JDK 17's C2
         * and allocated about 50 bytes per step.)
         */
        @Override
        protected void packA(boolean transA, float[] a, int aOff, int lda, int row0, int rows,
                             int p0, int depth, int mr, float[] dst) {
            int fullRows = rows / MR * MR;
            if (!transA || mr != MR || MR != 4) {
                super.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst);
                return;
            }
            for (int p = 0; p < depth; p++) {
                int src = aOff + (p0 + p) * lda + row0;
                for (int q = 0, d = p * MR; q < fullRows; q += MR, d += MR * depth) {
                    dst[d] = a[src + q];
                    dst[d + 1] = a[src + q + 1];
                    dst[d + 2] = a[src + q + 2];
                    dst[d + 3] = a[src + q + 3];
                }
            }
            if (fullRows < rows) {
                super.packA(true, a, aOff, lda, row0 + fullRows, rows - fullRows, p0, depth, mr,
                        dst, fullRows * depth);
            }
        }
    }

    /** Double micro-kernels, tile write and packing (the float ones in double). */
    private static final class F64 extends DoubleGemmLeaves {
        F64() {
            super(MR, NRD, 512, 72, 1024);
        }

        @Override
        protected void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx, double[] acc) {
            DoubleVector c00 = DoubleVector.zero(DS), c01 = DoubleVector.zero(DS);
            DoubleVector c10 = DoubleVector.zero(DS), c11 = DoubleVector.zero(DS);
            DoubleVector c20 = DoubleVector.zero(DS), c21 = DoubleVector.zero(DS);
            DoubleVector c30 = DoubleVector.zero(DS), c31 = DoubleVector.zero(DS);
            for (int p = 0; p < depth; p++) {
                int bi = bIdx + p * NRD;
                int ai = aIdx + p * MR;
                DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
                DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(DS, ap[ai + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(DS, ap[ai + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(DS, ap[ai + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(acc, 0);
            c01.intoArray(acc, DL);
            c10.intoArray(acc, NRD);
            c11.intoArray(acc, NRD + DL);
            c20.intoArray(acc, 2 * NRD);
            c21.intoArray(acc, 2 * NRD + DL);
            c30.intoArray(acc, 3 * NRD);
            c31.intoArray(acc, 3 * NRD + DL);
        }

        /**
         * Vector version of the driver's formula, operation for operation (mul, then add; no fma).
         * One straight-line loop per case, chosen once per tile: no vector merges two branches.
         */
        @Override
        protected void writeTile(double[] acc, double[] c, int cIdx, int ldc, double alpha, double beta,
                                 boolean first) {
            if (!first) {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRD; j += DL) {
                        DoubleVector.fromArray(DS, c, row + j).add(DoubleVector.fromArray(DS, acc, r * NRD + j).mul(alpha))
                                .intoArray(c, row + j);
                    }
                }
            } else if (beta == 0) {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRD; j += DL) {
                        DoubleVector.fromArray(DS, acc, r * NRD + j).mul(alpha).intoArray(c, row + j);
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    int row = cIdx + r * ldc;
                    for (int j = 0; j < NRD; j += DL) {
                        DoubleVector.fromArray(DS, acc, r * NRD + j).mul(alpha)
                                .add(DoubleVector.fromArray(DS, c, row + j).mul(beta))
                                .intoArray(c, row + j);
                    }
                }
            }
        }

        /** Double twin of the float {@code microKernelRows}: two depth steps per iteration. */
        @Override
        protected void microKernelRows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx, double[] acc) {
            DoubleVector c00 = DoubleVector.zero(DS), c01 = DoubleVector.zero(DS);
            DoubleVector c10 = DoubleVector.zero(DS), c11 = DoubleVector.zero(DS);
            DoubleVector c20 = DoubleVector.zero(DS), c21 = DoubleVector.zero(DS);
            DoubleVector c30 = DoubleVector.zero(DS), c31 = DoubleVector.zero(DS);
            int row1 = aIdx + lda, row2 = row1 + lda, row3 = row2 + lda;
            DoubleVector b0, b1, x;
            int p = 0;
            for (; p < depth - 1; p += 2) {
                int bi = bIdx + p * NRD;
                b0 = DoubleVector.fromArray(DS, bp, bi);
                b1 = DoubleVector.fromArray(DS, bp, bi + DL);
                x = DoubleVector.broadcast(DS, a[aIdx + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(DS, a[row1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(DS, a[row2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(DS, a[row3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                b0 = DoubleVector.fromArray(DS, bp, bi + NRD);
                b1 = DoubleVector.fromArray(DS, bp, bi + NRD + DL);
                x = DoubleVector.broadcast(DS, a[aIdx + p + 1]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(DS, a[row1 + p + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(DS, a[row2 + p + 1]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(DS, a[row3 + p + 1]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            for (; p < depth; p++) {
                int bi = bIdx + p * NRD;
                b0 = DoubleVector.fromArray(DS, bp, bi);
                b1 = DoubleVector.fromArray(DS, bp, bi + DL);
                x = DoubleVector.broadcast(DS, a[aIdx + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(DS, a[row1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(DS, a[row2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(DS, a[row3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(acc, 0);
            c01.intoArray(acc, DL);
            c10.intoArray(acc, NRD);
            c11.intoArray(acc, NRD + DL);
            c20.intoArray(acc, 2 * NRD);
            c21.intoArray(acc, 2 * NRD + DL);
            c30.intoArray(acc, 3 * NRD);
            c31.intoArray(acc, 3 * NRD + DL);
        }

        /** Non-transposed B: each packed row of a full panel is two vector copies. */
        @Override
        protected void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int depth,
                             int col0, int cols, int nr, double[] dst) {
            int fullCols = cols / NRD * NRD;
            if (transB || nr != NRD) {
                super.packB(transB, b, bOff, ldb, p0, depth, col0, cols, nr, dst);
                return;
            }
            for (int p = 0; p < depth; p++) {
                int src = bOff + (p0 + p) * ldb + col0;
                for (int q = 0, d = p * NRD; q < fullCols; q += NRD, d += NRD * depth) {
                    DoubleVector.fromArray(DS, b, src + q).intoArray(dst, d);
                    DoubleVector.fromArray(DS, b, src + q + DL).intoArray(dst, d + DL);
                }
            }
            int rest = cols - fullCols;
            if (rest > 0) {
                // Last, narrower panel. Its padding columns only feed accumulator columns that are
                // never written to C (lanes do not mix), so where the array is long enough the
                // whole panel row is copied with vectors, neighbours included; else zero-padded.
                for (int p = 0, d = fullCols * depth; p < depth; p++, d += NRD) {
                    int src = bOff + (p0 + p) * ldb + col0 + fullCols;
                    if (src + NRD <= b.length) {
                        DoubleVector.fromArray(DS, b, src).intoArray(dst, d);
                        DoubleVector.fromArray(DS, b, src + DL).intoArray(dst, d + DL);
                    } else {
                        for (int j = 0; j < rest; j++) dst[d + j] = b[src + j];
                        for (int j = rest; j < NRD; j++) dst[d + j] = 0;
                    }
                }
            }
        }

        /**
         * Double twin of the float packA override: four scalar moves per step. (Not a vector of MR
         * doubles: on a 512-bit machine that is SPECIES_256, a second DoubleVector class; its
         * copies made the type profile of the shared DoubleVector.intoArray bimorphic, C2 then
         * merged the two species in every double kernel's stores, failed to intrinsify them and
         * boxed each vector stored, about 96 bytes per packed B row vector and per A step.)
         */
        @Override
        protected void packA(boolean transA, double[] a, int aOff, int lda, int row0, int rows,
                             int p0, int depth, int mr, double[] dst) {
            int fullRows = rows / MR * MR;
            if (!transA || mr != MR || MR != 4) {
                super.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst);
                return;
            }
            for (int p = 0; p < depth; p++) {
                int src = aOff + (p0 + p) * lda + row0;
                for (int q = 0, d = p * MR; q < fullRows; q += MR, d += MR * depth) {
                    dst[d] = a[src + q];
                    dst[d + 1] = a[src + q + 1];
                    dst[d + 2] = a[src + q + 2];
                    dst[d + 3] = a[src + q + 3];
                }
            }
            if (fullRows < rows) {
                super.packA(true, a, aOff, lda, row0 + fullRows, rows - fullRows, p0, depth, mr,
                        dst, fullRows * depth);
            }
        }
    }
}
