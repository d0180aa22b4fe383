package dev.vecnn.cli;

import dev.vecnn.sweep.SearchSpace;
import dev.vecnn.train.SettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code vecnn sweep}'s command line, read by the one flag parser ({@link Flags}). */
class SweepOptionsTest {
    /** Issue 21: --master bogus://x and local[0] reached Spark, which logged an ERROR and a stack trace. */
    @Test
    void aBadMasterIsOneLineNamingTheFlagAndTheAcceptedForms() throws Exception {
        for (String bad : new String[] {"bogus://x", "local[0]", "local[-1]", "local[two]", "spark:/host", "", "yarn-client"}) {
            assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--master", bad}))
                    .as(bad).isInstanceOf(SettingException.class)
                    .hasMessageStartingWith("--master: expected local, local[*], local[N]")
                    .hasMessageContaining("spark://HOST:PORT, yarn, k8s://URL; got '" + bad + "'");
        }
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--master", "local[0]"}))
                .hasMessageEndingWith("(a local master needs at least 1 thread)");
        for (String good : new String[] {"local", "local[*]", "local[2]", "local[2,3]", "local[*,4]", "spark://a:7077",
                "spark://a:7077,b:7077", "yarn", "k8s://https://h:6443", "local-cluster[2,1,1024]"}) {
            assertThat(SweepOptions.parse(new String[] {"--master", good}).master()).isEqualTo(good);
        }
    }

    /** Issue 21: --space naming a folder gave "IOException: Is a directory". */
    @Test
    void aSpaceFileThatIsAFolderIsOneLineNamingTheFlagAndThePath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--space", dir.toString()}))
                .isInstanceOf(SettingException.class)
                .hasMessage("--space " + dir + ": cannot read it: it is a folder; name a file of 'name: values' lines");
        java.nio.file.Path binary = dir.resolve("space.bin");
        java.nio.file.Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--space", binary.toString()}))
                .isInstanceOf(SettingException.class)
                .hasMessage("--space " + binary + ": cannot read it: it is not UTF-8 text");
    }

    @Test
    void defaultsAndFlags() throws Exception {
        SweepOptions o = SweepOptions.parse(new String[] {"--lr", "1e-3,1e-4", "--weight-scale=0.01", "--keep-p", "0.5,1"});
        assertThat(o.sweep().space().kind()).isEqualTo(SearchSpace.Kind.GRID);
        assertThat(o.trials()).isEqualTo(4);
        assertThat(o.master()).isEqualTo("local[*]");
        assertThat(o.sweep().base().epochs()).isEqualTo(5);
        assertThat(o.sweep().base().lrDecay()).isEqualTo(0.95);
        assertThat(o.sweep().base().updateRule()).isEqualTo("adam");
        assertThat(o.sweep().images()).isEqualTo(new dev.vecnn.train.CifarSubset(49000, 1000, 1000));
        assertThat(o.sweep().data()).isEqualTo("data/");
        assertThat(o.trials()).isEqualTo(4);
        SweepOptions r = SweepOptions.parse(new String[] {"--master", "spark://host:7077", "--seed", "3"});
        assertThat(r.sweep().space().kind()).isEqualTo(SearchSpace.Kind.RANDOM);
        assertThat(r.trials()).isEqualTo(8);
        assertThat(r.master()).isEqualTo("spark://host:7077");
        assertThat(r.sweep().seed()).isEqualTo(3);
        assertThat(SweepOptions.parse(new String[] {"--help"}).helpRequested()).isTrue();
    }

    @Test
    void theHelpPageListsEveryFlagUnderItsHeadingWithItsDefault() {
        String help = SweepOptions.help();
        assertThat(help).startsWith("usage: vecnn sweep [options]\n\nHyperparameter search on Apache Spark");
        assertThat(help).contains("\nSearch space (a list a,b,c; a range lo..hi; a log-uniform range lo..hi:log):\n  --lr VALUES")
                .contains("\nEvery trial:\n  --epochs N").contains("\nRun:\n  --out DIR")
                .contains("learning rate (default: 1e-4..1e-2:log)").contains("local[*]").contains("--master URL")
                .contains("(default: 0.95)").doesNotContain("options:")
                .endsWith("\nWrites into --out: trials/ (one JSON per trial), trials.csv, summary.json, tuning.png, best_model.npz.\n");
    }

    @Test
    void problemsGetOneLine() {
        String[][] bad = {
            {"--lr"}, {"--lr", "x"}, {"--bogus", "1"}, {"extra"}, {"--trials", "5", "--lr", "1e-3,1e-4", "--weight-scale", "0.1"},
            {"--trials", "0"}, {"--epochs", "zero"}, {"--num-train", "0"}, {"--update-rule", "lbfgs"}, {"--seed", "1", "--seed", "2"},
            {"--progress", "fancy"}, {"--space", "/no/such/space.txt"}, {"--lr-decay", "0"}, {"--split-train", "50000"},
        };
        for (String[] args : bad) {
            assertThatThrownBy(() -> SweepOptions.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(SettingException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
        }
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--trials", "5", "--lr", "1e-3,1e-4", "--weight-scale", "0.1"}))
                .hasMessageContaining("grid of 2 points");
        // The messages of every command's flags (Flags), no longer a second parser's.
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus (try: vecnn sweep --help)");
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--trails", "3"}))
                .hasMessage("unknown option --trails, did you mean --trials? (try: vecnn sweep --help)");
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--lr"})).hasMessage("option --lr needs a value (VALUES)");
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--num-train", "0"})).hasMessage("--num-train must be in [1, 49000], got 0");
        assertThatThrownBy(() -> SweepOptions.parse(new String[] {"--update-rule", "lbfgs"}))
                .hasMessage("--update-rule must be one of sgd, sgd_momentum, rmsprop, adam; got 'lbfgs'");
    }
}
