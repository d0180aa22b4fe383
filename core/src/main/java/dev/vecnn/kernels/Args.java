package dev.vecnn.kernels;

import java.lang.reflect.Array;

/**
 * Argument checks shared by the kernels. Every failure is an {@link IllegalArgumentException}
 * whose message names the argument, the expected value and the actual one.
 */
public final class Args {
    private Args() {}

    /** Requires {@code value >= 0}. */
    public static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** Requires {@code array} non-null with room for {@code length} elements from {@code offset}. */
    public static void vector(String name, int arrayLength, int offset, int length) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if ((long) offset + length > arrayLength) {
            throw new IllegalArgumentException(name + " too short: need " + ((long) offset + length)
                    + " elements (offset " + offset + " + length " + length + "), got " + arrayLength);
        }
    }

    /**
     * Requires a row-major {@code rows x cols} matrix with leading dimension {@code ld} starting
     * at {@code offset} to fit in an array of {@code arrayLength} elements, and {@code ld >= cols}.
     */
    public static void matrix(String name, int arrayLength, int offset, int rows, int cols, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("leading dimension of " + name + " must be >= "
                    + Math.max(1, cols) + " (its column count), got " + ld);
        }
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long needed = (long) offset + (long) (rows - 1) * ld + cols;
        if (needed > arrayLength) {
            throw new IllegalArgumentException(name + " too short for " + rows + "x" + cols
                    + " with leading dimension " + ld + " at offset " + offset + ": need "
                    + needed + " elements, got " + arrayLength);
        }
    }

    /**
     * Requires a non-null array (float[], double[], int[], ...) with room for {@code length}
     * elements from {@code offset}; for the facades, whose float and double versions share it.
     */
    public static void vector(String name, Object array, int offset, int length) {
        notNull(name, array);
        vector(name, Array.getLength(array), offset, length);
    }

    /** Requires a non-null array that holds the matrix described at {@link #matrix(String, int, int, int, int, int)}. */
    public static void matrix(String name, Object array, int offset, int rows, int cols, int ld) {
        notNull(name, array);
        matrix(name, Array.getLength(array), offset, rows, cols, ld);
    }

    /** The length of an array, -1 for null. */
    public static int length(Object array) {
        return array == null ? -1 : Array.getLength(array);
    }

    /** Requires a non-null array. */
    public static void notNull(String name, Object array) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
