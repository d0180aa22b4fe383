package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** numpy's OpenBLAS kernel paired with the JVM's UseAVX level (as bench/isa.sh pairs them). */
class PythonSideTest {
    @Test
    void avx2PairsWithHaswellAndAvxWithSandybridge() {
        Map<String, String> avx2 = PythonSide.numpyEnvironment(2);
        assertThat(avx2).containsEntry("OPENBLAS_CORETYPE", "Haswell").containsEntry("OPENBLAS_L2_SIZE", null).hasSize(2);
        assertThat(PythonSide.numpyEnvironment(1)).containsEntry("OPENBLAS_CORETYPE", "Sandybridge");
        assertThat(PythonSide.describe(avx2)).isEqualTo("OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE unset");
    }

    @Test
    void avx512OrUnknownLetsOpenBlasPickByCpuid() {
        for (int level : new int[] {3, dev.vecnn.kernels.Isa.UNKNOWN}) {
            Map<String, String> env = PythonSide.numpyEnvironment(level);
            assertThat(env).containsEntry("OPENBLAS_CORETYPE", null).containsEntry("OPENBLAS_L2_SIZE", null);
            assertThat(PythonSide.describe(env)).isEqualTo("OPENBLAS_CORETYPE unset, OPENBLAS_L2_SIZE unset");
        }
    }
}
