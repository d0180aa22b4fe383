package dev.vecnn.sweep;

import dev.vecnn.layers.Normalization;
import dev.vecnn.train.TrainSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchSpaceTest {
    /** The spec every trial starts from (the space draws its hyperparameters). */
    private static final TrainSpec BASE = TrainSpec.NOTEBOOK;

    private static Map<String, String> space(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void gridWalksTheProductLastParameterFastest() {
        SearchSpace s = SearchSpace.of(space("lr", "1e-3,1e-4", "weight-scale", "0.01", "keep-p", "1,0.5,0.25",
                "hidden", "100,50x20", "norm", "none"), null);
        assertThat(s.kind()).isEqualTo(SearchSpace.Kind.GRID);
        assertThat(s.gridSize()).isEqualTo(12);
        // itertools.product(lr, ws, reg, keep, hidden, norm) with sizes 2,1,1,3,2,1: point 7 is
        // norm 7%1=0, hidden 7%2=1, keep (7/2)%3=0, lr (7/6)%2=1.
        TrialConfig t = s.trial(BASE, 0, 7);
        assertThat(t.spec().learningRate()).isEqualTo(1e-4);
        assertThat(t.spec().keepProb()).isEqualTo(1.0);
        assertThat(t.spec().hiddenDims()).containsExactly(50, 20);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            TrialConfig c = s.trial(BASE, 5, i);
            seen.add(c.spec().learningRate() + "/" + c.spec().keepProb() + "/" + c.hiddenText());
        }
        assertThat(seen).hasSize(12);
        assertThatThrownBy(() -> s.trial(BASE, 0, 12)).hasMessageContaining("[0, 12)").hasMessageContaining("12");
    }

    @Test
    void randomTrialIsAPureFunctionOfSeedAndIndex() {
        SearchSpace s = SearchSpace.of(space("lr", "1e-5..1e-3:log", "keep-p", "0.5,1", "reg", "0..0.1"), null);
        assertThat(s.kind()).isEqualTo(SearchSpace.Kind.RANDOM);
        SearchSpace again = SearchSpace.of(space("lr", "1e-5..1e-3:log", "keep-p", "0.5,1", "reg", "0..0.1"), null);
        for (int i = 0; i < 20; i++) {
            assertThat(again.trial(BASE, 42, i)).isEqualTo(s.trial(BASE, 42, i));
        }
        // Out of order, alone: the same.
        assertThat(s.trial(BASE, 42, 17)).isEqualTo(again.trial(BASE, 42, 17));
        assertThat(s.trial(BASE, 43, 3)).isNotEqualTo(s.trial(BASE, 42, 3));
        assertThat(s.trial(BASE, 42, 3).seed()).isNotEqualTo(s.trial(BASE, 42, 4).seed());
    }

    @Test
    void randomDrawsCoverRangesAndListsWithTheRightScale() {
        SearchSpace s = SearchSpace.of(space("lr", "1e-5..1e-1:log", "weight-scale", "0.5..1.5", "keep-p", "0.5,1"), null);
        int n = 4000;
        int[] decade = new int[4];
        int halves = 0;
        double wsMin = 9;
        double wsMax = -9;
        for (int i = 0; i < n; i++) {
            TrialConfig c = s.trial(BASE, 7, i);
            double e = Math.log10(c.spec().learningRate());
            assertThat(e).isBetween(-5.0, -1.0);
            decade[Math.min(3, (int) Math.floor(e + 5))]++;
            halves += c.spec().keepProb() == 0.5 ? 1 : 0;
            assertThat(c.spec().keepProb()).isIn(0.5, 1.0);
            wsMin = Math.min(wsMin, c.spec().weightScale());
            wsMax = Math.max(wsMax, c.spec().weightScale());
            assertThat(c.seed()).isBetween(0L, 0xFFFFFFFFL);
        }
        // Log-uniform: each decade gets about a quarter (binomial sd ~27 of 1000).
        for (int d : decade) {
            assertThat(d).isBetween(850, 1150);
        }
        assertThat(halves).isBetween(1850, 2150);
        assertThat(wsMin).isBetween(0.5, 0.51);
        assertThat(wsMax).isBetween(1.49, 1.5);
    }

    @Test
    void badSpacesGetOneLineNamingTheParameter() {
        String[][] bad = {
            {"lr", "1e-2..1e-4"}, {"lr", "0..1e-2:log"}, {"lr", "1e-4..1e-2:ln"}, {"lr", "abc"}, {"lr", "1e-3,,1e-4"},
            {"weight-scale", "-1"}, {"reg", "-0.1"}, {"keep-p", "0,0.5"}, {"keep-p", "0.5..1.5"}, {"hidden", "100..200"},
            {"hidden", "100x0"}, {"norm", "groupnorm"}, {"lr", ""}, {"momentum", "0.9"},
        };
        for (String[] b : bad) {
            assertThatThrownBy(() -> SearchSpace.of(space(b[0], b[1]), null))
                    .as(b[0] + "=" + b[1])
                    .isInstanceOf(SearchSpaceException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain("\n").contains(b[0]);
                    });
        }
        assertThatThrownBy(() -> SearchSpace.of(space("lr", "1e-4..1e-2"), "grid"))
                .isInstanceOf(SearchSpaceException.class).hasMessageContaining("lr=1e-4..1e-2");
        assertThatThrownBy(() -> SearchSpace.of(space(), "annealing"))
                .isInstanceOf(SearchSpaceException.class).hasMessageContaining("annealing");
    }

    @Test
    void spaceFileReadsNamesValuesAndComments(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("space.txt");
        Files.writeString(f, "# the CS231n cell\nlearning_rate: 1e-4..1e-2:log\nkeep_p = 0.5, 1  # two values\n\nsearch: random\nnorm: batchnorm\n");
        Map<String, String> m = SearchSpace.readFile(f);
        assertThat(m).containsEntry("lr", "1e-4..1e-2:log").containsEntry("keep-p", "0.5, 1")
                .containsEntry("search", "random").containsEntry("norm", "batchnorm");
        String search = m.remove("search");
        SearchSpace s = SearchSpace.of(m, search);
        assertThat(s.trial(BASE, 0, 0).spec().normalization()).isEqualTo(Normalization.BATCHNORM);
        Files.writeString(f, "lr 1e-3\n");
        assertThatThrownBy(() -> SearchSpace.readFile(f)).isInstanceOf(SearchSpaceException.class)
                .hasMessageContaining("line 1").hasMessageContaining("name: values");
    }
}
