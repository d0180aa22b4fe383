package dev.vecnn.train;

import dev.vecnn.data.CifarOptions;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.data.ImageSplit;
import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which CIFAR-10 images a run trains and validates on, as the assignment's
 * {@code get_CIFAR10_data(num_training=splitTrain, num_validation=numVal)} picks them: the first
 * {@code splitTrain} records of the training batches are the training split, whose mean image is
 * subtracted from every image; the run trains on the first {@code numTrain} of them and validates
 * on the {@code numVal} records after the split. The same for {@code vecnn experiment} (500 of
 * 49000), {@code train} (the whole split) and every trial of {@code sweep}; checked here, once.
 */
public record CifarSubset(int splitTrain, int numTrain, int numVal) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** CIFAR-10's training batches: the split and the validation images are taken from them. */
    public static final int TRAINING_IMAGES = 50000;

    public CifarSubset {
        SettingException.requireIn("--split-train", splitTrain, 1, TRAINING_IMAGES - 1);
        SettingException.requireIn("--num-train", numTrain, 1, splitTrain);
        SettingException.requireIn("--num-val", numVal, 1, TRAINING_IMAGES - splitTrain);
    }

    /** The loader's options: this subset, no test split, images of {@code dtype}. */
    public CifarOptions options(DType dtype) {
        return CifarOptions.defaults().withNumTraining(splitTrain).withNumValidation(numVal).withKeptTraining(numTrain)
                .withNumTest(0).withPrecision(dtype);
    }

    /** The Solver's data from splits loaded with {@link #options}: the first numTrain and numVal images and labels. */
    public SolverData solverData(CifarSplits splits, DType dtype) {
        return new SolverData(head(splits.train(), numTrain, dtype), Arrays.copyOf(splits.train().labels(), numTrain),
                head(splits.validation(), numVal, dtype), Arrays.copyOf(splits.validation().labels(), numVal));
    }

    /** The first {@code n} images of a split as a tensor of {@code dtype} (no copy when all are used). */
    private static Tensor head(ImageSplit split, int n, DType dtype) {
        int size = split.imageSize();
        int[] shape = split.shape();
        shape[0] = n;
        boolean all = n == split.count();
        if (dtype == DType.FLOAT64) {
            return Tensor.of(all ? split.doubles() : Arrays.copyOf(split.doubles(), n * size), shape);
        }
        return Tensor.of(all ? split.floats() : Arrays.copyOf(split.floats(), n * size), shape);
    }
}
