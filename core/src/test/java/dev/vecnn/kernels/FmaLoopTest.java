package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.FmaLoop;
import dev.vecnn.kernels.internal.ScalarFmaLoop;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The peak-arithmetic loop: the scalar twin and the SIMD loop (when enabled) against the exact
 * result of the recurrence ({@code 12 x lanes x (start + steps x 3 x 2^-12)}, exact in binary for
 * these step counts), float and double.
 */
class FmaLoopTest {
    private static List<FmaLoop> loops() {
        List<FmaLoop> list = new ArrayList<>(List.of(new ScalarFmaLoop()));
        FmaLoop simd = VectorSupport.simdOrNull(FmaLoop.class, "dev.vecnn.kernels.simd.SimdFmaLoop");
        if (simd != null) {
            list.add(simd);
        }
        return list;
    }

    @Test
    void everyLoopGivesTheExactSumOfTheRecurrence() {
        for (FmaLoop loop : loops()) {
            for (int steps : new int[] {0, 1, 2, 3, 5, 17, 1000}) {
                assertThat(loop.floats(steps, 0.5f)).as("%s floats, %d steps", loop.getClass().getSimpleName(), steps)
                        .isEqualTo(FmaLoop.expected(steps, 0.5, loop.floatLanes()));
                assertThat(loop.doubles(steps, 0.5)).as("%s doubles, %d steps", loop.getClass().getSimpleName(), steps)
                        .isEqualTo(FmaLoop.expected(steps, 0.5, loop.doubleLanes()));
            }
        }
    }

    @Test
    void expectedIsTheClosedFormOfTheRecurrence() {
        // 12 accumulators x 4 lanes x (0.5 + 8 x 0.75 / 1024)
        assertThat(FmaLoop.expected(8, 0.5, 4)).isEqualTo(48 * (0.5 + 6.0 / 1024));
    }

    @Test
    void simdLanesMatchTheVectorWidthInUse() {
        FmaLoop simd = VectorSupport.simdOrNull(FmaLoop.class, "dev.vecnn.kernels.simd.SimdFmaLoop");
        if (simd != null) {
            assertThat(simd.floatLanes()).isEqualTo(VectorSupport.floatLanes());
            assertThat(simd.doubleLanes()).isEqualTo(VectorSupport.doubleLanes());
        }
    }
}
