package dev.vecnn.tensor;

/** Element type of a {@link Tensor}: numpy's {@code float32} or {@code float64}. */
public enum DType {
    FLOAT32("float32"),
    FLOAT64("float64");

    private final String numpyName;

    DType(String numpyName) {
        this.numpyName = numpyName;
    }

    /** The numpy spelling, e.g. {@code "float32"}. */
    public String numpyName() {
        return numpyName;
    }

    /** Parses {@code float32}/{@code float64} (also {@code float}/{@code double}). */
    public static DType parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "float": case "f32": return FLOAT32;
            case "float64": case "double": case "f64": return FLOAT64;
            default:
                throw new IllegalArgumentException("dtype must be float32 or float64, got '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
