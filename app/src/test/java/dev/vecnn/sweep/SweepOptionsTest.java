package dev.vecnn.sweep;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepOptionsTest {
    @Test
    void defaultsAndFlags() throws Exception {
        SweepOptions o = SweepOptions.parse(new String[] {"--lr", "1e-3,1e-4", "--weight-scale=0.01", "--keep-p", "0.5,1"});
        assertThat(o.space.kind()).isEqualTo(SearchSpace.Kind.GRID);
        assertThat(o.trials).isEqualTo(4);
        assertThat(o.master).isEqualTo("local[*]");
        assertThat(o.settings.epochs()).isEqualTo(5);
        SweepOptions r = SweepOptions.parse(new String[] {"--master", "spark://host:7077", "--seed", "3"});
        assertThat(r.space.kind()).isEqualTo(SearchSpace.Kind.RANDOM);
        assertThat(r.trials).isEqualTo(8);
        assertThat(r.master).isEqualTo("spark://host:7077");
        assertThat(SweepOptions.parse(new String[] {"--help"}).help).isTrue();
        assertThat(SweepOptions.help()).contains("--lr").contains("--master").contains("local[*]");
    }

    @Test
    void problemsGetOneLine() {
        String[][] bad = {
            {"--lr"}, {"--lr", "x"}, {"--bogus", "1"}, {"extra"}, {"--trials", "5", "--lr", "1e-3,1e-4", "--weight-scale", "0.1"},
            {"--trials", "0"}, {"--epochs", "zero"}, {"--num-train", "0"}, {"--update-rule", "lbfgs"}, {"--seed", "1", "--seed", "2"},
            {"--progress", "fancy"}, {"--space", "/no/such/space.txt"},
        };
        for (String[] args : bad) {
            assertThatThrownBy(() -> SweepOptions.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(SearchSpaceException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
        }
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--trials", "5", "--lr", "1e-3,1e-4", "--weight-scale", "0.1"}))
                .hasMessageContaining("grid of 2 points");
        // a misspelt option is unknown, whether or not a value follows it
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus (see vecnn sweep --help)");
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--lr"})).hasMessage("--lr needs a value (see vecnn sweep --help)");
    }
}
