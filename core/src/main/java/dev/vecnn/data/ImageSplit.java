package dev.vecnn.data;

import dev.vecnn.tensor.DType;

/**
 * One split of an image data set: {@code count} images in layout {@code (count, 3, height, width)}
 * as one flat row-major array (numpy's C order: channel planes R, G, B, each row-major), and one
 * label per image. Exactly one of {@link #floats()} / {@link #doubles()} is available, depending on
 * the {@link DType} that was asked for.
 */
public final class ImageSplit {
    private final int count;
    private final int height;
    private final int width;
    private final float[] floats;
    private final double[] doubles;
    private final int[] labels;

    ImageSplit(int count, int height, int width, float[] floats, double[] doubles, int[] labels) {
        this.count = count;
        this.height = height;
        this.width = width;
        this.floats = floats;
        this.doubles = doubles;
        this.labels = labels;
    }

    /** Number of images (numpy's {@code X.shape[0]}). */
    public int count() {
        return count;
    }

    /** {@code {count, 3, height, width}}. */
    public int[] shape() {
        return new int[] {count, 3, height, width};
    }

    /** Values per image: {@code 3 * height * width} (3072 for CIFAR-10). */
    public int imageSize() {
        return 3 * height * width;
    }

    public DType precision() {
        return floats != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    /** The images as float32; throws if they were loaded as {@link DType#FLOAT64}. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("images were loaded as FLOAT64: use doubles()");
        }
        return floats;
    }

    /** The images as float64; throws if they were loaded as {@link DType#FLOAT32}. */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("images were loaded as FLOAT32: use floats()");
        }
        return doubles;
    }

    /** Labels, one per image, each in {@code 0 .. classes-1}. */
    public int[] labels() {
        return labels;
    }
}
