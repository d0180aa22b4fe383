package dev.vecnn.train;

import dev.vecnn.data.CifarOptions;
import dev.vecnn.tensor.DType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The images a run uses: get_CIFAR10_data's split, checked once for experiment, train and sweep. */
class CifarSubsetTest {
    @Test
    void theSplitTheTrainingImagesAndTheValidationImagesMustFitTheTrainingBatches() {
        new CifarSubset(49000, 500, 1000); // the notebook's section 5
        new CifarSubset(1, 1, 49999);
        bad(0, 1, 1, "--split-train must be in [1, 49999], got 0");
        bad(50000, 1, 1, "--split-train must be in [1, 49999], got 50000");
        bad(49000, 49001, 1000, "--num-train must be in [1, 49000], got 49001");
        bad(49000, 0, 1000, "--num-train must be in [1, 49000], got 0");
        bad(49000, 500, 1001, "--num-val must be in [1, 1000], got 1001");
        bad(49000, 500, 0, "--num-val must be in [1, 1000], got 0");
    }

    private static void bad(int split, int train, int val, String message) {
        assertThatThrownBy(() -> new CifarSubset(split, train, val)).isInstanceOf(SettingException.class).hasMessage(message);
    }

    @Test
    void theLoaderIsAskedForTheSplitKeepingTheFirstImagesAndNoTestSplit() {
        CifarOptions o = new CifarSubset(49000, 500, 1000).options(DType.FLOAT64);
        assertThat(o.numTraining()).isEqualTo(49000); // the mean image is taken over all of them
        assertThat(o.keptTraining()).isEqualTo(500);
        assertThat(o.numValidation()).isEqualTo(1000);
        assertThat(o.numTest()).isZero();
        assertThat(o.subtractMean()).isTrue();
        assertThat(o.precision()).isEqualTo(DType.FLOAT64);
    }
}
