package dev.vecnn.data;

import java.util.List;

/**
 * What {@code get_CIFAR10_data} returns: {@code X_train, y_train, X_val, y_val, X_test, y_test}
 * (each X of shape (N, 3, 32, 32)), plus the class names and the mean image that was subtracted.
 */
public record CifarSplits(ImageSplit train, ImageSplit validation, ImageSplit test, List<String> classNames,
                          double[] meanImage) {
    /**
     * {@code X_train, y_train} (the first {@code numTraining} training records), {@code X_val,
     * y_val} (training records {@code numTraining .. numTraining+numValidation-1}), {@code X_test,
     * y_test} (the first {@code numTest} test records), the class names in label order (from
     * {@code batches.meta.txt}) and the mean image (see {@link #meanImage()}).
     */
    public CifarSplits {
        classNames = List.copyOf(classNames);
    }

    /**
     * The mean image over the training split (3072 values in (3, 32, 32) order, float64 as numpy
     * computes it), or {@code null} when the mean was not subtracted.
     */
    @Override
    public double[] meanImage() {
        return meanImage == null ? null : meanImage.clone();
    }
}
