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

    /** Issue 21: --master bogus://x and local[0] reached Spark, which logged an ERROR and a stack trace. */
    @Test
    void aBadMasterIsOneLineNamingTheFlagAndTheAcceptedForms() throws Exception {
        for (String bad : new String[] {"bogus://x", "local[0]", "local[-1]", "local[two]", "spark:/host", "", "yarn-client"}) {
            assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--master", bad}))
                    .as(bad).isInstanceOf(SearchSpaceException.class)
                    .hasMessageStartingWith("--master: expected local, local[*], local[N]")
                    .hasMessageContaining("spark://HOST:PORT, yarn, k8s://URL; got '" + bad + "'");
        }
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--master", "local[0]"}))
                .hasMessageEndingWith("(a local master needs at least 1 thread)");
        for (String good : new String[] {"local", "local[*]", "local[2]", "local[2,3]", "local[*,4]", "spark://a:7077",
                "spark://a:7077,b:7077", "yarn", "k8s://https://h:6443", "local-cluster[2,1,1024]"}) {
            assertThat(SweepOptions.parse(new String[] {"--master", good}).master).isEqualTo(good);
        }
    }

    /** Issue 21: --space naming a folder gave "IOException: Is a directory". */
    @Test
    void aSpaceFileThatIsAFolderIsOneLineNamingTheFlagAndThePath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--space", dir.toString()}))
                .isInstanceOf(SearchSpaceException.class)
                .hasMessage("--space " + dir + ": cannot read it: it is a folder; name a file of 'name: values' lines");
        java.nio.file.Path binary = dir.resolve("space.bin");
        java.nio.file.Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--space", binary.toString()}))
                .isInstanceOf(SearchSpaceException.class)
                .hasMessage("--space " + binary + ": cannot read it: it is not UTF-8 text");
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
