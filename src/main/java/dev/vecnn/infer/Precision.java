package dev.vecnn.infer;

/** The floating-point type an {@link InferenceModel} stores its weights in and computes with. */
public enum Precision {
    /** 32-bit floats ({@code float[]}, numpy {@code float32}). */
    FLOAT32,
    /** 64-bit floats ({@code double[]}, numpy {@code float64}). */
    FLOAT64
}
