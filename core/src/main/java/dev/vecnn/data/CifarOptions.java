package dev.vecnn.data;

import dev.vecnn.tensor.DType;

/**
 * What {@link Cifar10#load(java.nio.file.Path, CifarOptions)} builds: the arguments of the
 * assignment's {@code get_CIFAR10_data(num_training=49000, num_validation=1000, num_test=1000,
 * subtract_mean=True)} plus the element type. Immutable; the {@code with...} methods return a
 * changed copy.
 */
public final class CifarOptions {
    private final int numTraining;
    private final int numValidation;
    private final int numTest;
    private final boolean subtractMean;
    private final DType precision;
    /** How many of the training split's first images are kept, or {@link #ALL}. */
    private final int keptTraining;
    private static final int ALL = -1;
    /** True when the test batch may hold fewer than numTest records (the test split is then all of them). */
    private final boolean testAtMost;

    private CifarOptions(int numTraining, int numValidation, int numTest, boolean subtractMean,
                         DType precision, int keptTraining) {
        this(numTraining, numValidation, numTest, subtractMean, precision, keptTraining, false);
    }

    private CifarOptions(int numTraining, int numValidation, int numTest, boolean subtractMean,
                         DType precision, int keptTraining, boolean testAtMost) {
        if (numTraining < 0) {
            throw new IllegalArgumentException("numTraining must be >= 0, got " + numTraining);
        }
        if (numValidation < 0) {
            throw new IllegalArgumentException("numValidation must be >= 0, got " + numValidation);
        }
        if (numTest < 0) {
            throw new IllegalArgumentException("numTest must be >= 0, got " + numTest);
        }
        long most = Integer.MAX_VALUE / Cifar10.IMAGE_BYTES;
        if (numTraining > most || numValidation > most || numTest > most) {
            throw new IllegalArgumentException("each split can hold at most " + most
                    + " images (one Java array), got " + numTraining + " / " + numValidation + " / " + numTest);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be FLOAT32 or FLOAT64, got null");
        }
        this.numTraining = numTraining;
        this.numValidation = numValidation;
        this.numTest = numTest;
        this.subtractMean = subtractMean;
        this.precision = precision;
        this.keptTraining = keptTraining;
        this.testAtMost = testAtMost;
    }

    /** The assignment's defaults: 49000 / 1000 / 1000, mean subtracted, float32. */
    public static CifarOptions defaults() {
        return new CifarOptions(49000, 1000, 1000, true, DType.FLOAT32, ALL);
    }

    public CifarOptions withNumTraining(int n) {
        return new CifarOptions(n, numValidation, numTest, subtractMean, precision, keptTraining, testAtMost);
    }

    public CifarOptions withNumValidation(int n) {
        return new CifarOptions(numTraining, n, numTest, subtractMean, precision, keptTraining, testAtMost);
    }

    public CifarOptions withNumTest(int n) {
        return new CifarOptions(numTraining, numValidation, n, subtractMean, precision, keptTraining);
    }

    /**
     * The first {@code n} records of the test batch as the test split, or all of them when it holds
     * fewer (e.g. the whole test batch of CIFAR-10, 10 000, where a smaller data set of the same
     * layout has fewer); {@link #withNumTest} instead fails when there are fewer.
     */
    public CifarOptions withNumTestAtMost(int n) {
        return new CifarOptions(numTraining, numValidation, n, subtractMean, precision, keptTraining, true);
    }

    /** True if {@link #withNumTestAtMost} set the test split's size. */
    public boolean numTestAtMost() {
        return testAtMost;
    }

    public CifarOptions withSubtractMean(boolean subtract) {
        return new CifarOptions(numTraining, numValidation, numTest, subtract, precision, keptTraining, testAtMost);
    }

    public CifarOptions withPrecision(DType p) {
        return new CifarOptions(numTraining, numValidation, numTest, subtractMean, p, keptTraining, testAtMost);
    }

    public int numTraining() {
        return numTraining;
    }

    /**
     * Keeps only the first {@code n} images of the training split in memory; the mean image is
     * still taken over the whole split ({@code numTraining} images). For runs that train on a
     * head of the split, like the notebook's experiment on 500 images: the other 48 500 are read
     * and summed but never converted or stored.
     */
    public CifarOptions withKeptTraining(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("keptTraining must be >= 0, got " + n);
        }
        return new CifarOptions(numTraining, numValidation, numTest, subtractMean, precision, n, testAtMost);
    }

    /** Training images kept in memory: {@code min(keptTraining, numTraining)}, all by default. */
    public int keptTraining() {
        return keptTraining == ALL ? numTraining : Math.min(keptTraining, numTraining);
    }

    public int numValidation() {
        return numValidation;
    }

    public int numTest() {
        return numTest;
    }

    public boolean subtractMean() {
        return subtractMean;
    }

    public DType precision() {
        return precision;
    }

    /** Bytes of heap the image arrays of a load with these options take. */
    public long arrayBytes() {
        long images = (long) keptTraining() + numValidation + numTest;
        return images * Cifar10.IMAGE_BYTES * (precision == DType.FLOAT32 ? 4 : 8) + images * 4;
    }

    @Override
    public String toString() {
        return "CifarOptions[numTraining=" + numTraining + ", numValidation=" + numValidation
                + ", numTest=" + numTest + ", subtractMean=" + subtractMean + ", precision=" + precision
                + (keptTraining() < numTraining ? ", keptTraining=" + keptTraining() : "") + "]";
    }
}
