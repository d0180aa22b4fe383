package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** numpy's OpenBLAS kernel and its own loops paired with the JVM's UseAVX level (as bench/isa.sh pairs them). */
class PythonSideTest {
    @Test
    void avx2PairsWithHaswellAndAvxWithSandybridge() {
        Map<String, String> avx2 = PythonSide.numpyEnvironment(2);
        assertThat(avx2).containsEntry("OPENBLAS_CORETYPE", "Haswell").containsEntry("OPENBLAS_L2_SIZE", null)
                .containsEntry("NPY_DISABLE_CPU_FEATURES", "X86_V4 AVX512F AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR")
                .hasSize(3);
        Map<String, String> avx = PythonSide.numpyEnvironment(1);
        assertThat(avx).containsEntry("OPENBLAS_CORETYPE", "Sandybridge");
        assertThat(avx.get("NPY_DISABLE_CPU_FEATURES")).startsWith("X86_V3 AVX2 FMA3 F16C ").endsWith(avx2.get("NPY_DISABLE_CPU_FEATURES"));
        assertThat(PythonSide.describe(avx2)).isEqualTo("OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE unset, "
                + "NPY_DISABLE_CPU_FEATURES=X86_V4 AVX512F AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR");
    }

    @Test
    void avx512OrUnknownLetsOpenBlasPickByCpuid() {
        for (int level : new int[] {3, dev.vecnn.kernels.Isa.UNKNOWN}) {
            Map<String, String> env = PythonSide.numpyEnvironment(level);
            assertThat(env).containsEntry("OPENBLAS_CORETYPE", null).containsEntry("OPENBLAS_L2_SIZE", null)
                    .containsEntry("NPY_DISABLE_CPU_FEATURES", null);
            assertThat(PythonSide.describe(env)).isEqualTo("OPENBLAS_CORETYPE unset, OPENBLAS_L2_SIZE unset, NPY_DISABLE_CPU_FEATURES unset");
        }
    }
}
