package dev.vecnn.train;

import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one training spec: the notebook's values, each value checked once with a message naming its flag. */
class TrainSpecTest {
    @Test
    void theNotebookValuesAreSection5sCell() {
        TrainSpec s = TrainSpec.NOTEBOOK;
        // FullyConnectedNet([500], dropout=p); Solver(num_epochs=25, batch_size=100, update_rule='adam',
        // optim_config={'learning_rate': 5e-4}, print_every=100); fc_net.py's weight_scale=1e-2, reg=0.0
        assertThat(s.hiddenDims()).containsExactly(500);
        assertThat(s.keepProb()).isEqualTo(1.0);
        assertThat(s.weightScale()).isEqualTo(1e-2);
        assertThat(s.reg()).isZero();
        assertThat(s.updateRule()).isEqualTo("adam");
        assertThat(s.learningRate()).isEqualTo(5e-4);
        assertThat(s.lrDecay()).isEqualTo(1.0);
        assertThat(s.epochs()).isEqualTo(25);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.numTrainSamples()).isEqualTo(1000);
        assertThat(s.printEvery()).isEqualTo(100);
        assertThat(s.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(s.masks()).isEqualTo(MaskSource.NUMPY);
        assertThat(s.normalization()).isEqualTo(Normalization.NONE);
        assertThat(s.vanillaDropout()).isFalse();
        assertThat(TrainSpec.builder().build()).isEqualTo(s);
    }

    @Test
    void everyBadValueIsRefusedNamingItsFlagTheRangeAndTheValue() {
        bad(b -> b.keepProb(0), "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 0");
        bad(b -> b.keepProb(Double.NaN), "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got NaN");
        bad(b -> b.hiddenDims(100, 0), "--hidden values must be >= 1, got 0");
        bad(b -> b.reg(-0.5), "--reg must be in [0, inf), got -0.5");
        bad(b -> b.weightScale(Double.POSITIVE_INFINITY), "--weight-scale must be in [0, inf), got inf");
        bad(b -> b.learningRate(-1e-3), "--lr must be in [0, inf), got -0.001");
        bad(b -> b.lrDecay(0), "--lr-decay must be in (0, inf), got 0");
        bad(b -> b.updateRule("lbfgs"), "--update-rule must be one of sgd, sgd_momentum, rmsprop, adam; got 'lbfgs'");
        bad(b -> b.epochs(-1), "--epochs must be in [0, 1000000], got -1");
        bad(b -> b.batchSize(0), "--batch-size must be in [1, 1000000], got 0");
        bad(b -> b.numTrainSamples(0), "--num-train-samples must be in [1, 2147483647], got 0");
        bad(b -> b.printEvery(0), "--print-every must be in [1, 2147483647], got 0");
        assertThat(TrainSpec.builder().numTrainSamples(null).build().numTrainSamples()).isNull(); // all images
    }

    private static void bad(UnaryOperator<TrainSpec.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(TrainSpec.builder()).build())
                .isInstanceOf(SettingException.class).hasMessage(message);
    }

    @Test
    void aSpecIsAValueTheBuilderCopiesAndNoCallerCanChange() {
        int[] hidden = {30, 20};
        TrainSpec a = TrainSpec.builder().hiddenDims(hidden).keepProb(0.5).normalization(Normalization.BATCHNORM).build();
        hidden[0] = 99;
        a.hiddenDims()[1] = 99;
        assertThat(a.hiddenDims()).containsExactly(30, 20);
        assertThat(a.hiddenText(",")).isEqualTo("30,20");
        assertThat(a.hiddenText("x")).isEqualTo("30x20");
        TrainSpec same = a.toBuilder().build();
        assertThat(same).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.toBuilder().hiddenDims(30, 21).build()).isNotEqualTo(a);
        assertThat(a.toBuilder().learningRate(1e-3).build()).isNotEqualTo(a);
        assertThat(a.toBuilder().keepProb(1).build().keepProb()).isEqualTo(1.0);
        assertThat(a.keepProb()).isEqualTo(0.5); // the copy changed, not a
    }

    @Test
    void iterationsCountAsTheSolverCounts() {
        TrainSpec s = TrainSpec.NOTEBOOK; // 25 epochs of 100-image batches
        assertThat(s.iterations(500)).isEqualTo(125);
        assertThat(s.iterations(50)).isEqualTo(25); // fewer images than a batch: one iteration per epoch
        assertThat(s.iterations(49000)).isEqualTo(25L * 490);
    }
}
