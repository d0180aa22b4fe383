package dev.vecnn.data;

/** Element type of the image arrays a loader produces: {@code float[]} or {@code double[]}. */
public enum Precision {
    /** {@code float[]} (numpy {@code float32}). */
    FLOAT32,
    /** {@code double[]} (numpy {@code float64}, what the assignment's {@code .astype("float")} gives). */
    FLOAT64
}
