package dev.vecnn.infer;

import java.util.Arrays;

/** One named parameter as handed to the builder: a shape and a private copy of its values. */
final class Param {
    final String name;
    final int[] shape;
    final float[] floats;   // exactly one of floats / doubles is non-null
    final double[] doubles;

    private Param(String name, int[] shape, float[] floats, double[] doubles) {
        this.name = name;
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
    }

    static Param of(String name, float[] values, int[] shape) {
        checkLength(name, values == null ? -1 : values.length, shape);
        return new Param(name, shape.clone(), values.clone(), null);
    }

    static Param of(String name, double[] values, int[] shape) {
        checkLength(name, values == null ? -1 : values.length, shape);
        return new Param(name, shape.clone(), null, values.clone());
    }

    private static void checkLength(String name, int length, int[] shape) {
        if (name == null) {
            throw new IllegalArgumentException("parameter name must not be null");
        }
        if (length < 0) {
            throw new IllegalArgumentException(name + ": values must not be null");
        }
        if (shape == null) {
            throw new IllegalArgumentException(name + ": shape must not be null");
        }
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": shape " + describe(shape)
                        + " has a negative dimension");
            }
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException(name + ": shape " + describe(shape) + " needs "
                    + size + " values, got " + length);
        }
    }

    boolean isFloat() {
        return floats != null;
    }

    int size() {
        return floats != null ? floats.length : doubles.length;
    }

    double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    float[] toFloats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) doubles[i];
        }
        return out;
    }

    double[] toDoubles() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] out = new double[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    String shapeString() {
        return describe(shape);
    }

    /** numpy's way of printing a shape: {@code (3072, 500)}, {@code (10,)}, {@code ()}. */
    static String describe(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
