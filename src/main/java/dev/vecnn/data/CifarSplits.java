package dev.vecnn.data;

import java.util.List;

/**
 * What {@code get_CIFAR10_data} returns: {@code X_train, y_train, X_val, y_val, X_test, y_test}
 * (each X of shape (N, 3, 32, 32)), plus the class names and the mean image that was subtracted.
 */
public final class CifarSplits {
    private final ImageSplit train;
    private final ImageSplit validation;
    private final ImageSplit test;
    private final List<String> classNames;
    private final double[] meanImage;

    CifarSplits(ImageSplit train, ImageSplit validation, ImageSplit test, List<String> classNames,
                double[] meanImage) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.classNames = List.copyOf(classNames);
        this.meanImage = meanImage;
    }

    /** {@code X_train, y_train}: the first {@code numTraining} training records. */
    public ImageSplit train() {
        return train;
    }

    /** {@code X_val, y_val}: training records {@code numTraining .. numTraining+numValidation-1}. */
    public ImageSplit validation() {
        return validation;
    }

    /** {@code X_test, y_test}: the first {@code numTest} test records. */
    public ImageSplit test() {
        return test;
    }

    /** Class names in label order (from {@code batches.meta.txt}). */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The mean image over the training split (3072 values in (3, 32, 32) order, float64 as numpy
     * computes it), or {@code null} when the mean was not subtracted.
     */
    public double[] meanImage() {
        return meanImage == null ? null : meanImage.clone();
    }
}
