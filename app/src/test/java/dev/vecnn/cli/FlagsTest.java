package dev.vecnn.cli;

import dev.vecnn.train.SettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlagsTest {
    private static Flags flags() {
        return new Flags("demo", "a demo command")
                .option("epochs", "N", "25", "epochs")
                .option("keep-p", "P[,P...]", "1,0.25", "keep probabilities")
                .option("hidden", "H[,H...]", "500", "hidden dims")
                .option("lr", "X", "5e-4", "learning rate")
                .option("rule", "NAME", "adam", "update rule")
                .option("out", "DIR", null, "output folder")
                .flag("quiet", "less output");
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        Flags f = flags().parse(new String[0], 0);
        assertThat(f.integer("epochs", 0, 100)).isEqualTo(25);
        assertThat(f.reals("keep-p", 0, false, 1, true)).containsExactly(1.0, 0.25);
        assertThat(f.integers("hidden", 1)).containsExactly(500);
        assertThat(f.real("lr")).isEqualTo(5e-4);
        assertThat(f.string("out")).isNull();
        assertThat(f.isSet("quiet")).isFalse();
        assertThat(f.given("epochs")).isFalse();
    }

    @Test
    void parsesSpaceAndEqualsFormsAndSwitches() {
        Flags f = flags().parse(new String[] {"skip", "--epochs", "3", "--keep-p=0.5", "--hidden", "100, 50",
            "--rule", "SGD", "--quiet"}, 1);
        assertThat(f.integer("epochs", 0, 100)).isEqualTo(3);
        assertThat(f.reals("keep-p", 0, false, 1, true)).containsExactly(0.5);
        assertThat(f.integers("hidden", 1)).containsExactly(100, 50);
        assertThat(f.choice("rule", "sgd", "adam")).isEqualTo("sgd");
        assertThat(f.isSet("quiet")).isTrue();
        assertThat(f.given("epochs")).isTrue();
    }

    /** A value out of range: the one range message, {@link SettingException#requireIn}'s, as TrainSpec's. */
    @Test
    void keepProbabilityOutsideTheOpenClosedUnitIntervalIsRejected() {
        assertThatThrownBy(() -> flags().parse(new String[] {"--keep-p", "0"}, 0).reals("keep-p", 0, false, 1, true))
                .isInstanceOf(SettingException.class).hasMessage("--keep-p must be in (0, 1], got 0");
        assertThatThrownBy(() -> flags().parse(new String[] {"--keep-p", "1,1.5"}, 0).reals("keep-p", 0, false, 1, true))
                .isInstanceOf(SettingException.class).hasMessage("--keep-p must be in (0, 1], got 1.5");
    }

    @Test
    void mistakesNameTheFlagTheExpectationAndTheValue() {
        assertThatThrownBy(() -> flags().parse(new String[] {"--epochs", "-1"}, 0).integer("epochs", 0, 100))
                .isInstanceOf(SettingException.class).hasMessage("--epochs must be in [0, 100], got -1");
        assertThatThrownBy(() -> flags().parse(new String[] {"--epochs", "many"}, 0).integer("epochs", 0, 100))
                .hasMessage("--epochs expects an integer, got 'many'");
        assertThatThrownBy(() -> flags().parse(new String[] {"--lr", "NaN"}, 0).real("lr"))
                .hasMessage("--lr expects a finite number, got 'NaN'");
        assertThatThrownBy(() -> flags().parse(new String[] {"--hidden", "10,x"}, 0).integers("hidden", 1))
                .hasMessage("--hidden expects comma-separated integers, got '10,x'");
        assertThatThrownBy(() -> flags().parse(new String[] {"--rule", "lbfgs"}, 0).choice("rule", "sgd", "adam"))
                .hasMessage("--rule must be one of sgd, adam; got 'lbfgs'");
    }

    @Test
    void unknownFlagsMissingValuesAndStrayWordsAreUsageErrors() {
        assertThatThrownBy(() -> flags().parse(new String[] {"--epoch", "3"}, 0))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --epoch, did you mean --epochs? (try: vecnn demo --help)");
        assertThatThrownBy(() -> flags().parse(new String[] {"--epochs"}, 0))
                .isInstanceOf(UsageException.class).hasMessage("option --epochs needs a value (N)");
        assertThatThrownBy(() -> flags().parse(new String[] {"3"}, 0))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unexpected argument '3'");
        assertThatThrownBy(() -> flags().parse(new String[] {"--quiet=yes"}, 0))
                .isInstanceOf(UsageException.class).hasMessage("option --quiet takes no value, got 'yes'");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Flags f = flags().parse(new String[] {"--help"}, 0);
        assertThat(f.helpRequested()).isTrue();
        assertThat(f.help()).startsWith("usage: vecnn demo [options]\n\na demo command\n")
                .contains("--epochs N").contains("(default: 25)").contains("--keep-p P[,P...]")
                .contains("--quiet").contains("-h, --help");
    }

    @Test
    void aMistypedFlagGetsADidYouMean() {
        assertThatThrownBy(() -> flags().parse(new String[] {"--kep-p", "1"}, 0))
                .hasMessage("unknown option --kep-p, did you mean --keep-p? (try: vecnn demo --help)");
        assertThatThrownBy(() -> flags().parse(new String[] {"--epohcs", "1"}, 0)).hasMessageContaining("did you mean --epochs?");
        assertThatThrownBy(() -> flags().parse(new String[] {"--colour"}, 0)).hasMessage("unknown option --colour (try: vecnn demo --help)");
        assertThat(Flags.closest("experimnt", java.util.List.of("experiment", "notebook", "train", "info"))).isEqualTo("experiment");
        assertThat(Flags.closest("xyz", java.util.List.of("experiment", "notebook", "train", "info"))).isNull();
    }

    @Test
    void aFlagGivenTwiceIsRefusedUnlessTheListIsBuiltByVecnn() {
        assertThatThrownBy(() -> flags().parse(new String[] {"--epochs", "2", "--epochs=3"}, 0))
                .isInstanceOf(UsageException.class).hasMessage("option --epochs is given twice ('2' and '3'); give it once");
        assertThatThrownBy(() -> flags().parse(new String[] {"--quiet", "--quiet"}, 0)).hasMessageContaining("--quiet is given twice");
        assertThat(flags().lastWins().parse(new String[] {"--epochs", "2", "--epochs=3"}, 0).integer("epochs", 0, 9)).isEqualTo(3);
    }

    @Test
    void anEmptyItemInAListIsRefused() {
        for (String v : new String[] {"1,,0.25", "1,", ",1"}) {
            assertThatThrownBy(() -> flags().parse(new String[] {"--keep-p", v}, 0).reals("keep-p", 0, false, 1, true))
                    .isInstanceOf(UsageException.class).hasMessage("--keep-p has an empty item in '" + v + "' (two commas, or one at an end)");
        }
        assertThatThrownBy(() -> flags().parse(new String[] {"--hidden", "100,,50"}, 0).integers("hidden", 1))
                .hasMessageContaining("--hidden has an empty item");
        assertThat(flags().parse(new String[] {"--hidden", ""}, 0).integers("hidden", 1)).isEmpty();
    }
}
