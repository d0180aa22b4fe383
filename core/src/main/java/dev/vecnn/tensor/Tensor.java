package dev.vecnn.tensor;

import java.util.Arrays;

/**
 * An n-dimensional array in numpy's row-major (C) order: a shape, a flat {@code float[]}
 * (float32) or {@code double[]} (float64), and nothing else. It owns no math; the layers hand
 * its flat array to the kernels with offset 0 and the row length as leading dimension.
 *
 * <p>{@link #reshape} returns a view on the same array (no copy), like numpy's reshape of a
 * contiguous array: writing through one is seen through the other.
 */
public final class Tensor {
    private final int[] shape;
    private final int size;
    private final float[] floats;
    private final double[] doubles;

    private Tensor(int[] shape, float[] floats, double[] doubles) {
        this.shape = shape;
        this.size = sizeOf(shape);
        this.floats = floats;
        this.doubles = doubles;
        int length = floats != null ? floats.length : doubles.length;
        if (length != size) {
            throw new IllegalArgumentException("data length must equal the product of shape "
                    + Arrays.toString(shape) + " = " + size + ", got " + length);
        }
    }

    /** A zero-filled tensor. */
    public static Tensor zeros(DType dtype, int... shape) {
        int[] s = checkShape(shape);
        int n = sizeOf(s);
        return dtype == DType.FLOAT32 ? new Tensor(s, new float[n], null) : new Tensor(s, null, new double[n]);
    }

    /** A tensor of ones. */
    public static Tensor ones(DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        t.fill(1.0);
        return t;
    }

    /** Wraps (does not copy) a float64 array. */
    public static Tensor of(double[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(checkShape(shape), null, data);
    }

    /** Wraps (does not copy) a float32 array. */
    public static Tensor of(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(checkShape(shape), data, null);
    }

    /** Copies {@code values} into a new tensor of the given dtype (rounded for float32). */
    public static Tensor fromDoubles(DType dtype, double[] values, int... shape) {
        Tensor t = zeros(dtype, shape);
        if (values.length != t.size) {
            throw new IllegalArgumentException("values length must be " + t.size + " for shape "
                    + Arrays.toString(shape) + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) t.set(i, values[i]);
        return t;
    }

    public DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    public boolean isFloat32() {
        return floats != null;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one axis. */
    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** First axis length (N for a batch); 1 for a scalar. */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Elements per row: the product of all axes after the first (D of an (N, d1..dk) batch). */
    public int rowLength() {
        int rows = rows();
        return rows == 0 ? sizeOf(Arrays.copyOfRange(shape, 1, shape.length)) : size / rows;
    }

    /** The float32 storage (shared, not copied). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor dtype is float64, not float32");
        }
        return floats;
    }

    /** The float64 storage (shared, not copied). */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("tensor dtype is float32, not float64");
        }
        return doubles;
    }

    /** The storage array, {@code float[]} or {@code double[]}. */
    public Object data() {
        return floats != null ? floats : doubles;
    }

    /** Element at a flat (row-major) index, as a double. */
    public double get(int flatIndex) {
        return floats != null ? floats[flatIndex] : doubles[flatIndex];
    }

    /** Element at a multi-index. */
    public double at(int... index) {
        return get(flatIndex(index));
    }

    /** Sets a flat element (rounded to float for float32). */
    public void set(int flatIndex, double value) {
        if (floats != null) floats[flatIndex] = (float) value;
        else doubles[flatIndex] = value;
    }

    /** Sets every element. */
    public void fill(double value) {
        if (floats != null) Arrays.fill(floats, (float) value);
        else Arrays.fill(doubles, value);
    }

    /** A view with a new shape on the same data; one axis may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one axis may be -1, got "
                        + Arrays.toString(newShape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: axis sizes must be >= 0 or -1, got " + Arrays.toString(newShape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape "
                        + Arrays.toString(newShape));
            }
            s[infer] = (int) (size / known);
        }
        if (sizeOf(s) != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape "
                    + Arrays.toString(newShape));
        }
        return new Tensor(s, floats, doubles);
    }

    /** The (N, D) view used by the affine layer: rows kept, remaining axes flattened. */
    public Tensor flattenRows() {
        return reshape(rows(), rowLength());
    }

    /** A deep copy. */
    public Tensor copy() {
        return floats != null ? new Tensor(shape.clone(), floats.clone(), null)
                : new Tensor(shape.clone(), null, doubles.clone());
    }

    /** A zero tensor of the same shape and dtype. */
    public Tensor zerosLike() {
        return zeros(dtype(), shape);
    }

    /** A copy converted to {@code dtype} (numpy's astype). */
    public Tensor astype(DType dtype) {
        if (dtype == dtype()) return copy();
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < size; i++) t.set(i, get(i));
        return t;
    }

    /** Copies the values of {@code src} (same shape and dtype) into this tensor. */
    public void copyFrom(Tensor src) {
        requireSameShape("src", src);
        requireSameDType("src", src);
        if (floats != null) System.arraycopy(src.floats, 0, floats, 0, size);
        else System.arraycopy(src.doubles, 0, doubles, 0, size);
    }

    /** All values as a new double array. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = get(i);
        return out;
    }

    /** Throws unless {@code other} has this tensor's shape. */
    public void requireSameShape(String otherName, Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(otherName + " shape must be " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(other.shape));
        }
    }

    /** Throws unless {@code other} has this tensor's dtype. */
    public void requireSameDType(String otherName, Tensor other) {
        if (dtype() != other.dtype()) {
            throw new IllegalArgumentException(otherName + " dtype must be " + dtype() + ", got " + other.dtype());
        }
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank must be " + shape.length + ", got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " out of bounds for axis " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    private static int[] checkShape(int[] shape) {
        if (shape == null) throw new IllegalArgumentException("shape must not be null");
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("shape axes must be >= 0, got " + Arrays.toString(shape));
        }
        if (sizeOfLong(shape) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements for one array");
        }
        return shape.clone();
    }

    private static int sizeOf(int[] shape) {
        return (int) sizeOfLong(shape);
    }

    private static long sizeOfLong(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(shape=").append(Arrays.toString(shape))
                .append(", dtype=").append(dtype());
        if (size <= 12) {
            sb.append(", data=").append(floats != null ? Arrays.toString(floats) : Arrays.toString(doubles));
        }
        return sb.append(')').toString();
    }
}
