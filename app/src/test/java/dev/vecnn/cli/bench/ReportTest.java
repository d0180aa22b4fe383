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
        // GEMM line: 214.7 GFLOP/s simd, 48% of the 2-thread ceiling (2 x the one-thread best, 222.2), scalar 26.8, 8x,
        // numpy 429.5, vecnn/numpy 0.5x
        assertThat(table).containsPattern("NN_1024x1024x1024\\s+float32\\s+2t\\s+214\\.7\\s+48%\\s+26\\.8\\s+8\\.00x\\s+429\\.5\\s+0\\.50x\\s+-");
        // ReLU: 40 GB/s = 200% of the one-thread triad (20 GB/s), scalar 10 GB/s, 4x
        assertThat(table).containsPattern("relu forward 100x500\\s+40\\.0\\s+200%\\s+10\\.0\\s+4\\.00x");
        assertThat(table).contains("note: torch: skipped (not installed)").startsWith("vecnn bench --quick: ");
        assertThat(table).contains("ISA in force: " + dev.vecnn.kernels.Isa.describe() + "; GEMM tile: " + Report.tile() + "\n");
        assertThat(Report.tile()).doesNotContain("vector registers").isNotEmpty();
    }

    @Test
    void ceilingIsTheBetterOfTheJavaLoopAndTheCProbeTimesTheThreads() {
        List<Row> javaOnly = rows();
        assertThat(Report.ceiling(javaOnly, "float32", 1)).isCloseTo(200 / 0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Report.ceiling(javaOnly, "float32", 2)).isCloseTo(400 / 0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Report.ceiling(javaOnly, "float64", 1)).isNaN();
        List<Row> withC = new java.util.ArrayList<>(rows());
        withC.add(new Row("machine", "C FMA probe (512-bit)", "c", "float32", 1, 250e9, 0, 1, 1));
        withC.add(new Row("machine", "C FMA probe (512-bit)", "c", "float64", 1, 125e9, 0, 1, 1));
        assertThat(Report.ceiling(withC, "float32", 1)).isEqualTo(250);
        assertThat(Report.ceiling(withC, "float32", 2)).isEqualTo(500);
        assertThat(Report.ceiling(withC, "float64", 1)).isEqualTo(125); // no Java float64 row: the probe alone
        String table = Report.table(new Suite.Result(withC, List.of(), 2, true));
        // the Java loop's one-thread best (222.2) against the probe (250): 0.89, outside 10%
        assertThat(table).containsPattern("C FMA probe \\(512-bit\\)\\s+float32\\s+c\\s+1t\\s+250\\.0 GFLOP/s")
                .contains("Java FMA loop / C probe, float32, 1 thread: 0.89 (outside 10%");
    }

    @Test
    void aFigureAboveTheCeilingIsReported() {
        assertThat(Report.aboveCeiling(rows())).isEmpty();
        List<Row> bad = new java.util.ArrayList<>(rows());
        // 1024^3 in 7 ms on one thread: 306.8 GFLOP/s against a one-thread ceiling of 222.2 (138%)
        bad.add(new Row("gemm", "NN_1024x1024x1024", "simd", "float32", 1, GEMM_FLOPS, 12.0 * 1024 * 1024, 0.007, 0.007));
        // numpy on 2 threads at 429.5 is below 2 x 222.2; at 2 ms (1073.7) it is not
        bad.add(new Row("numpy", "NN_1024x1024x1024", "numpy", "float32", 2, GEMM_FLOPS, 12.0 * 1024 * 1024, 0.002, 0.002));
        // element-wise rows are not held to the arithmetic ceiling
        bad.add(new Row("elementwise", "relu forward 100x500", "simd", "float32", 1, 1e12, 400_000, 1, 1));
        List<String> lines = Report.aboveCeiling(bad);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("gemm NN_1024x1024x1024 simd float32 1t: 306.8 GFLOP/s is 138% of the peak (222.2 GFLOP/s on 1 thread)")
                .endsWith("a figure above the peak is a measuring bug");
        assertThat(lines.get(1)).startsWith("numpy NN_1024x1024x1024 numpy float32 2t: 1073.7 GFLOP/s is 242% of the peak (444.4 GFLOP/s on 2 threads)");
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
        assertThat(machine).containsKeys("cpu", "cores", "threads", "kernels", "vector_bits", "jdk", "use_avx", "gemm_tile")
                .containsEntry("quick", false).containsEntry("isa", dev.vecnn.kernels.Isa.describe());
        assertThat(((Number) machine.get("vector_registers")).intValue()).isIn(16, 32);
    }
}
