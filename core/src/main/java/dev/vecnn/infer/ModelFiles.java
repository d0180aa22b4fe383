package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The former entry point for loading a model, one letter away from {@link dev.vecnn.model.ModelFile}
 * (the file format). Use {@link InferenceModel#load(Path)} and {@link InferenceModel#builder(Path)}.
 *
 * @deprecated since 0.1.0: {@link InferenceModel#load(Path)} is the one way to load a trained
 *             model; this class forwards to it and will be removed.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class ModelFiles {
    private ModelFiles() {}

    /** @deprecated use {@link InferenceModel#load(Path)} */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static InferenceModel load(Path file) throws IOException {
        return InferenceModel.load(file);
    }

    /** @deprecated use {@link InferenceModel#load(Path, Normalization)} */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static InferenceModel load(Path file, Normalization normalization) throws IOException {
        return InferenceModel.load(file, normalization);
    }

    /** @deprecated use {@link InferenceModel#load(Path, Normalization, String)} */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static InferenceModel load(Path file, Normalization normalization, String prefix) throws IOException {
        return InferenceModel.load(file, normalization, prefix);
    }

    /** @deprecated use {@link InferenceModel#builder(Path)} */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static InferenceModelBuilder builder(Path file) throws IOException {
        return InferenceModel.builder(file);
    }
}
