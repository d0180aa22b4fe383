package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing the C probe's output (bench/fma_probe.c), and the probe's source shipped in the jar. */
class FmaProbeTest {
    @Test
    void parsesOneLinePerWidthAndType() {
        FmaProbe.Result r = FmaProbe.parse("fma 256 float32 108.74\nfma 256 float64 54.29\n");
        assertThat(r.peaks()).containsExactly(new FmaProbe.Peak(256, "float32", 108.74), new FmaProbe.Peak(256, "float64", 54.29));
        assertThat(r.gflops(256, "float64")).isEqualTo(54.29);
        assertThat(r.gflops(512, "float32")).isNaN();
        assertThat(r.note()).isNull();
    }

    @Test
    void aSkippedWidthBecomesTheNote() {
        FmaProbe.Result r = FmaProbe.parse("fma 512 float32 skipped: no avx512f on this CPU\r\nfma 512 float64 skipped: no avx512f on this CPU\n");
        assertThat(r.peaks()).isEmpty();
        assertThat(r.note()).isEqualTo("C FMA probe skipped 512-bit float64: no avx512f on this CPU");
    }

    @Test
    void otherLinesAreIgnoredAndNoResultIsSaid() {
        assertThat(FmaProbe.parse("warming up\n\n").note()).isEqualTo("C FMA probe printed no result");
        assertThat(FmaProbe.parse("note\nfma 128 float32 41.5\n").peaks()).containsExactly(new FmaProbe.Peak(128, "float32", 41.5));
    }

    @Test
    void aMalformedLineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> FmaProbe.parse("fma 256 float32 fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected GFLOP/s, got 'fast'")
                .hasMessageContaining("'fma 256 float32 fast'");
        assertThatThrownBy(() -> FmaProbe.parse("fma wide float32 1.0")).hasMessageContaining("expected a vector width in bits, got 'wide'");
        assertThatThrownBy(() -> FmaProbe.parse("fma 256 int8 1.0")).hasMessageContaining("expected float32 or float64, got 'int8'");
        assertThatThrownBy(() -> FmaProbe.parse("fma 256 float32 -3")).hasMessageContaining("expected a positive GFLOP/s, got -3");
        assertThatThrownBy(() -> FmaProbe.parse("fma 256 float32 NaN")).hasMessageContaining("expected a positive GFLOP/s");
    }

    @Test
    void theProbeSourceIsInTheJarAndAWidthWithoutAVariantIsSaid() throws Exception {
        try (var in = FmaProbe.class.getResourceAsStream("fma_probe.c")) {
            assertThat(in).as("bench/fma_probe.c packaged beside FmaProbe").isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("vfmadd231ps");
        }
        assertThat(FmaProbe.run(64).note()).isEqualTo("C FMA probe: no 64-bit variant (it has 128, 256 and 512)");
    }
}
