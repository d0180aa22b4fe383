package dev.vecnn.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepFolderTest {
    private static final SearchSpace SPACE = SearchSpace.of(Map.of("lr", "1e-3..1e-2:log", "keep-p", "0.5,1", "hidden", "16"), null);

    @Test
    void aReopenedFolderSkipsTheTrialsItHoldsWithTheSameNumbers(@TempDir Path dir) throws Exception {
        SweepData data = TinySweepData.make(50, 30, 12, 4);
        SweepDefinition def = TinySweepData.sweep(SPACE, 50, 2, 11);
        SweepFolder f = SweepFolder.open(dir, def);
        assertThat(f.todo(5)).containsExactly(0, 1, 2, 3, 4);
        TrialResult t1 = def.trial(1).train(data, null);
        TrialResult t3 = def.trial(3).train(data, null);
        f.record(t3);
        f.record(t1);

        SweepFolder again = SweepFolder.open(dir, def);
        assertThat(again.todo(5)).containsExactly(0, 2, 4);
        assertThat(again.done().get(1).sameNumbers(t1)).isTrue();
        assertThat(again.done().get(3).sameNumbers(t3)).isTrue();
        TrialResult best = TrialResult.byBest(t1, t3) < 0 ? t1 : t3;
        assertThat(again.best().config()).isEqualTo(best.config());
        assertThat(ModelBytes.numbers(Files.readAllBytes(dir.resolve(SweepFolder.BEST_MODEL))))
                .isEqualTo(ModelBytes.numbers(best.model()));
        // Nothing but whole files: no temporary names left behind.
        try (var s = Files.walk(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
        }
    }

    /** sweep.json as vecnn wrote it before the sweep's trials were TrainSpecs: such a folder still resumes. */
    @Test
    void theDefinitionKeepsItsJsonLayout() {
        SweepDefinition d = TinySweepData.sweep(SearchSpace.of(Map.of("lr", "1e-3,1e-2", "keep-p", "0.5,1"), null), 50, 2, 11);
        assertThat(dev.vecnn.io.Json.write(d.toMap())).isEqualTo(String.join("\n", "{",
                "  \"seed\": 11,",
                "  \"space\": {",
                "    \"search\": \"random\",",
                "    \"lr\": \"1e-3,1e-2\",",
                "    \"weight-scale\": \"1e-3..1e-1:log\",",
                "    \"reg\": \"0\",",
                "    \"keep-p\": \"0.5,1\",",
                "    \"hidden\": \"100\",",
                "    \"norm\": \"none\"",
                "  },",
                "  \"settings\": {",
                "    \"data\": \"unused\",",
                "    \"split_train\": 49000,",
                "    \"num_train\": 50,",
                "    \"num_val\": 1000,",
                "    \"num_epochs\": 2,",
                "    \"batch_size\": 10,",
                "    \"update_rule\": \"adam\",",
                "    \"lr_decay\": 0.95",
                "  }",
                "}", ""));
    }

    @Test
    void aFolderOfAnotherSweepIsRefusedNamingTheDifference(@TempDir Path dir) throws Exception {
        SweepFolder.open(dir, TinySweepData.sweep(SPACE, 50, 2, 11));
        assertThatThrownBy(() -> SweepFolder.open(dir, TinySweepData.sweep(SPACE, 50, 2, 12)))
                .isInstanceOf(SearchSpaceException.class)
                .hasMessageContaining("holds a different sweep").hasMessageContaining("seed 11 there vs 12")
                .hasMessageNotContaining("\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> SweepFolder.open(file, TinySweepData.sweep(SPACE, 50, 2, 11)))
                .isInstanceOf(SearchSpaceException.class).hasMessageContaining("is a file");
    }

    @Test
    void theBestIsTheHighestAccuracyThenTheLowestIndexWhateverTheOrder(@TempDir Path dir) throws Exception {
        SweepFolder f = SweepFolder.open(dir, TinySweepData.sweep(SPACE, 50, 2, 1));
        f.record(result(4, 0.30));
        f.record(result(2, 0.30));
        f.record(result(7, 0.10));
        assertThat(f.best().config().index()).isEqualTo(2);
        List<TrialResult> ranked = SweepReport.ranked(f.done().values());
        assertThat(ranked).extracting(r -> r.config().index()).containsExactly(2, 4, 7);
        String table = SweepReport.table(ranked, 2);
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).matches("\\s+1\\s+2\\s.*0\\.3000.*");
        assertThat(table).contains("(1 more in trials.csv)");
        String csv = SweepReport.csv(f.done().values());
        assertThat(csv.lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("2", "4", "7");
        SweepReport.write(f, TinySweepData.sweep(SPACE, 50, 2, 1), 8, Map.of("master", "test"));
        assertThat(Files.size(dir.resolve(SweepReport.PLOT))).isPositive();
        Map<?, ?> summary = (Map<?, ?>) dev.vecnn.io.Json.parse(Files.readString(dir.resolve(SweepReport.SUMMARY)));
        assertThat(summary.get("trials_done")).isEqualTo(3L);
        assertThat(((Map<?, ?>) summary.get("best_trial")).get("trial")).isEqualTo(2L);
    }

    private static TrialResult result(int index, double best) {
        return new TrialResult(TinySweepData.sweep(SPACE, 50, 2, 1).trial(index), new double[] {2.3, 2.1}, new double[] {0.2, 0.4},
                new double[] {0.1, best}, best, false, 0.5, null);
    }
}
