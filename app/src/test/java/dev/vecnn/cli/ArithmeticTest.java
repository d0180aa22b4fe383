package dev.vecnn.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The flop count of a run, against counts worked out by hand from the shapes. */
class ArithmeticTest {
    @Test
    void theNotebooksExperimentIs394point746Gflop() {
        // One net 3072-500-10, batch 100, 125 steps, 26 checks of 500 + 1000 rows:
        //   step: forward 100*(3072*500 + 500*10), dW the same, dX of layer 2 only 100*10*500
        //         = 153,600,000 + 500,000 + 153,600,000 + 500,000 + 500,000 = 308,700,000 MACs
        //   check: 1500*(3072*500 + 500*10) = 2,311,500,000 MACs
        //   2 * (125 * 308,700,000 + 26 * 2,311,500,000) = 197,373,000,000 flops; two nets twice that.
        double one = Arithmetic.runFlops(3072, new int[] {500}, 10, 125, 100, 26, Arithmetic.rowsPerCheck(500, 1000, 1000));
        assertThat(one).isEqualTo(197_373_000_000.0);
        assertThat(2 * one / 1e9).isEqualTo(394.746);
    }

    @Test
    void deeperNetsCountEveryLayersInputGradientButTheFirst() {
        // 4-3-2 -> 5 classes: forward 4*3 + 3*2 + 2*5 = 28 MACs per row, input grads 6 + 10 = 16.
        assertThat(Arithmetic.forwardMacsPerRow(4, new int[] {3, 2}, 5)).isEqualTo(28);
        assertThat(Arithmetic.inputGradMacsPerRow(4, new int[] {3, 2}, 5)).isEqualTo(16);
        // a softmax classifier (no hidden layer) has no input gradient to compute
        assertThat(Arithmetic.inputGradMacsPerRow(4, new int[] {}, 5)).isZero();
        // 1 step of 2 rows, 1 check of 3 rows: 2 * (2 * (2*28 + 16) + 3 * 28)
        assertThat(Arithmetic.runFlops(4, new int[] {3, 2}, 5, 1, 2, 1, 3)).isEqualTo(2.0 * (2 * 72 + 84));
    }

    @Test
    void aCheckSamplesTheTrainingSetOnlyWhenItIsBiggerThanTheSample() {
        assertThat(Arithmetic.rowsPerCheck(500, 1000, 1000)).isEqualTo(1500);
        assertThat(Arithmetic.rowsPerCheck(5000, 1000, 1000)).isEqualTo(2000);
        assertThat(Arithmetic.rowsPerCheck(5000, null, 10)).isEqualTo(5010);
    }
}
