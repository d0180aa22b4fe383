package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.io.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's table and JSON from fixed rows (no clock): work per call and seconds per call in,
 * GFLOP/s, GB/s, % of peak (of the ceilings' best samples) and speed-ups out, computed by hand below.
 */
class ReportTest {
    // 1024^3: 2 * 2^30 flops; at 10 ms that is 214.7483648 GFLOP/s
    static final double GEMM_FLOPS = 2.0 * 1024 * 1024 * 1024;

    static List<Row> rows() {
        return List.of(
                new Row("machine", "peak FMA (16 lanes)", "simd", "float32", 2, 400e9, 0, 1.0, 0.8),       // best: 500 GFLOP/s
                new Row("machine", "peak FMA (16 lanes)", "simd", "float32", 1, 200e9, 0, 1.0, 0.9),       // 200 GFLOP/s
                new Row("machine", "STREAM triad 8 Mi doubles", "java", "float64", 1, 1e9, 20e9, 1.0, 1.0), // 20 GB/s
                new Row("gemm", "NN_1024x1024x1024", "simd", "float32", 2, GEMM_FLOPS, 12.0 * 1024 * 1024, 0.010, 0.009),
                new Row("gemm", "NN_1024x1024x1024", "scalar", "float32", 2, GEMM_FLOPS, 12.0 * 1024 * 1024, 0.080, 0.070),
                new Row("numpy", "NN_1024x1024x1024", "numpy", "float32", 2, GEMM_FLOPS, 12.0 * 1024 * 1024, 0.005, 0.005),
                new Row("elementwise", "relu forward 100x500", "simd", "float32", 1, 50_000, 400_000, 10e-6, 9e-6),  // 40 GB/s
                new Row("elementwise", "relu forward 100x500", "scalar", "float32", 1, 50_000, 400_000, 40e-6, 39e-6));
    }

    @Test
    void rowDerivedFigures() {
        Row gemm = rows().get(3);
        assertThat(gemm.gflops()).isCloseTo(214.7483648, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gemm.intensity()).isCloseTo(GEMM_FLOPS / (12.0 * 1024 * 1024), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows().get(6).gbps()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void tableShowsPercentOfPeakAndSpeedUps() {
        String table = Report.table(new Suite.Result(rows(), List.of("torch: skipped (not installed)"), 2, true));
        // GEMM line: 214.7 GFLOP/s simd, 43% of the 2-thread peak (best sample: 500), scalar 26.8, 8x, numpy 429.5, vecnn/numpy 0.5x
        assertThat(table).containsPattern("NN_1024x1024x1024\\s+float32\\s+2t\\s+214\\.7\\s+43%\\s+26\\.8\\s+8\\.00x\\s+429\\.5\\s+0\\.50x\\s+-");
        // ReLU: 40 GB/s = 200% of the one-thread triad (20 GB/s), scalar 10 GB/s, 4x
        assertThat(table).containsPattern("relu forward 100x500\\s+40\\.0\\s+200%\\s+10\\.0\\s+4\\.00x");
        assertThat(table).contains("note: torch: skipped (not installed)").startsWith("vecnn bench --quick: ");
    }

    @Test
    void jsonKeepsEveryRow() {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Report.json(new Suite.Result(rows(), List.of(), 2, false)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("rows");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(3)).containsEntry("group", "gemm").containsEntry("impl", "simd").containsEntry("median_s", 0.010);
        assertThat(((Number) rows.get(3).get("gflops")).doubleValue()).isCloseTo(214.7483648, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.get(0).get("gbps")).isNull(); // no bytes moved: no bandwidth
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) doc.get("machine");
        assertThat(machine).containsKeys("cpu", "cores", "threads", "kernels", "vector_bits", "jdk").containsEntry("quick", false);
    }
}
