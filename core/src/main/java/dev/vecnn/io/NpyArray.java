package dev.vecnn.io;

import java.util.Arrays;

/**
 * An n-dimensional array as a {@code .npy} file holds it: a {@link NpyType}, a shape and the
 * elements as one flat Java array in C (row-major) order. Exactly one of the typed accessors
 * works, the one matching {@link #type()}. The arrays are shared, not copied.
 */
public final class NpyArray {
    private final NpyType type;
    private final int[] shape;
    private final Object data;

    private NpyArray(NpyType type, int[] shape, Object data, int length) {
        long product = product(shape);
        if (product != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " elements, but the data array has " + length);
        }
        this.type = type;
        this.shape = shape.clone();
        this.data = data;
    }

    public static NpyArray of(float[] data, int... shape) {
        return new NpyArray(NpyType.FLOAT32, shape, data, data.length);
    }

    public static NpyArray of(double[] data, int... shape) {
        return new NpyArray(NpyType.FLOAT64, shape, data, data.length);
    }

    public static NpyArray of(int[] data, int... shape) {
        return new NpyArray(NpyType.INT32, shape, data, data.length);
    }

    public static NpyArray of(long[] data, int... shape) {
        return new NpyArray(NpyType.INT64, shape, data, data.length);
    }

    /** Unsigned bytes ({@code uint8}): Java's signed {@code byte} holds them; read with {@code b & 0xFF}. */
    public static NpyArray ofUnsignedBytes(byte[] data, int... shape) {
        return new NpyArray(NpyType.UINT8, shape, data, data.length);
    }

    public static NpyArray of(boolean[] data, int... shape) {
        return new NpyArray(NpyType.BOOL, shape, data, data.length);
    }

    /** A 1-d array of the given elements. */
    public static NpyArray vector(float... data) {
        return of(data, data.length);
    }

    /** A 1-d array of the given elements. */
    public static NpyArray vector(double... data) {
        return of(data, data.length);
    }

    static NpyArray wrap(NpyType type, int[] shape, Object data) {
        return new NpyArray(type, shape, data, java.lang.reflect.Array.getLength(data));
    }

    public NpyType type() {
        return type;
    }

    /** numpy's {@code shape} (a copy; empty for a 0-d array). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (numpy's {@code size}). */
    public int size() {
        return (int) product(shape);
    }

    public float[] floats() {
        return (float[]) as(NpyType.FLOAT32);
    }

    public double[] doubles() {
        return (double[]) as(NpyType.FLOAT64);
    }

    public int[] ints() {
        return (int[]) as(NpyType.INT32);
    }

    public long[] longs() {
        return (long[]) as(NpyType.INT64);
    }

    /** The {@code uint8} elements (signed Java bytes; {@code b & 0xFF} is the value). */
    public byte[] unsignedBytes() {
        return (byte[]) as(NpyType.UINT8);
    }

    public boolean[] booleans() {
        return (boolean[]) as(NpyType.BOOL);
    }

    Object data() {
        return data;
    }

    private Object as(NpyType wanted) {
        if (type != wanted) {
            throw new IllegalStateException("array holds " + type + " (" + type.descr() + "), not " + wanted);
        }
        return data;
    }

    /** Product of the dimensions, or -1 if a dimension is negative or it exceeds a Java array's limit. */
    static long product(int[] shape) {
        long p = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            p *= d;
            if (p > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " holds more elements than a Java array can");
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "NpyArray[" + type.descr() + " " + Arrays.toString(shape) + "]";
    }
}
