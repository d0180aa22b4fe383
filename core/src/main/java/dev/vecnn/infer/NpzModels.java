package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import dev.vecnn.io.DataException;
import dev.vecnn.io.Npz;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.NpyType;
import dev.vecnn.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How {@link InferenceModel#load(Path)} and {@link InferenceModel#builder(Path)} read a
 * {@code .npz}. Loads an {@link InferenceModel} from a checkpoint {@code .npz}: a Solver checkpoint (the format
 * of {@link dev.vecnn.solver.SolverCheckpoint}, which {@code vecnn train --checkpoint} writes:
 * parameters plus optimizer and solver state, which is ignored) or a file numpy wrote, e.g.
 * {@code np.savez("model.npz", **model.params, running_mean1=bn_params[0]["running_mean"], ...)}.
 *
 * <p>Arrays named {@code W<k>, b<k>, gamma<k>, beta<k>, running_mean<k>, running_var<k>} (the
 * assignment's names; see {@link InferenceModelBuilder}) of dtype float32 or float64 are the
 * parameters; checkpoints write the running statistics under these names too. (Checkpoints of
 * earlier versions spelled them {@code bn<k>_running_mean} / {@code bn<k>_running_var}; nothing
 * writes that spelling any more, but it is still read.) Every other name is ignored, and so are 0-d arrays
 * (scalars such as Adam's {@code beta1}, which share a name with layer 1's batchnorm shift). With
 * a prefix (e.g. {@code "best_"}, a checkpoint's best-validation parameters) only
 * the names {@code prefix + W1} etc. are parameters; the running statistics are read unprefixed. A plain numpy file carries no
 * normalization flag: it is read from the names (running statistics mean batchnorm, gamma/beta
 * alone layernorm) unless the caller passes it. Nor does it say how dropout was used: inverted
 * dropout (the assignment's) needs nothing, a vanilla-dropout net needs
 * {@code builder(file).dropout(DropoutMode.VANILLA, p)}.
 *
 * <p>A {@link ModelFile} (an {@code .npz} with {@code vecnn_model_version} and
 * {@code vecnn_model_json}, written by {@code ModelFile.write}) says all of that itself:
 * {@code load} uses its normalization, eps, dropout flavour and keep probability, and keeps
 * its mean image ({@link InferenceModel#meanImage()}, for {@link InferenceModel#predictImage}).
 * ({@code builder} reads only its parameters.) Either kind of file may carry class names
 * ({@link dev.vecnn.model.ClassNames#ARRAY}); the model keeps them.
 *
 * <p>Any problem with the file — unreadable, not an {@code .npz}, a parameter missing, of the wrong
 * dtype or shape, NaN weights — is a {@link DataException} naming the file and the parameter.
 */
final class NpzModels {
    private static final Pattern PARAM =
            Pattern.compile("(W|b|gamma|beta|running_mean|running_var)([1-9][0-9]*)");
    /** Earlier checkpoints' spelling of the running statistics (read, no longer written): bn1_running_mean. */
    private static final Pattern CLI_RUNNING = Pattern.compile("bn([1-9][0-9]*)_(running_mean|running_var)");

    private NpzModels() {}

    /** Loads the model in {@code file}, the normalization read from the parameter names. */
    static InferenceModel load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads the model in {@code file}; {@code normalization} (null: read from the names) must
     * agree with the parameters present.
     */
    static InferenceModel load(Path file, Normalization normalization) throws IOException {
        return load(file, normalization, "");
    }

    /**
     * Loads the parameters named {@code prefix + W1}, … of {@code file}, e.g. prefix
     * {@code "best_"} for the best-validation parameters of a checkpoint.
     */
    static InferenceModel load(Path file, Normalization normalization, String prefix)
            throws IOException {
        try (java.io.InputStream in = dev.vecnn.io.InputFiles.open(file)) {
            return ModelReader.read(in, file.toString(), normalization, prefix);
        }
    }

    /** The model held by {@code arrays}, an {@code .npz}'s content read from {@code source}. */
    static InferenceModel load(Map<String, NpyArray> arrays, String source, Normalization normalization, String prefix)
            throws DataException {
        if (ModelFile.isModelFile(arrays)) {
            return fromModelFile(arrays, source, normalization, prefix);
        }
        InferenceModelBuilder builder = builder(arrays, source, prefix)
                .normalization(normalization);
        InferenceModel model;
        try {
            model = builder.build();
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
        java.util.List<String> names = ModelFile.readClassNames(arrays, source, model.numClasses());
        return names == null ? model : model.withClassNames(names);
    }

    /**
     * A {@link ModelFile}'s model: its own normalization, eps, dropout flavour and keep probability
     * and mean image; a {@code normalization} the caller passes must agree, and there is no prefix.
     */
    private static InferenceModel fromModelFile(Map<String, NpyArray> arrays, String file, Normalization normalization,
                                                String prefix) throws DataException {
        if (prefix != null && !prefix.isEmpty()) {
            throw new DataException(file + ": a vecnn model file holds one set of parameters under the plain "
                    + "names (W1, b1, ...), so prefix \"" + prefix + "\" does not apply; load it without one");
        }
        ModelFile model = ModelFile.fromArrays(arrays, file);
        if (normalization != null && normalization != model.normalization()) {
            throw new DataException(file + ": normalization " + normalization + " was asked for, but the model "
                    + "file says " + model.normalization() + " (" + ModelFile.JSON_ARRAY + ")");
        }
        try {
            return InferenceModel.from(model);
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A builder holding the parameters of {@code file}, for callers that need to set more (dropout
     * mode, eps, precision) before {@link InferenceModelBuilder#build()}.
     */
    static InferenceModelBuilder builder(Path file) throws IOException {
        return builder(Npz.read(file), file.toString(), "");
    }

    /**
     * A builder holding the parameters among {@code arrays} (read from {@code source}) whose names
     * start with {@code prefix} ({@code ""} for the plain names).
     */
    static InferenceModelBuilder builder(Map<String, NpyArray> arrays, String source, String prefix)
            throws DataException {
        InferenceModelBuilder b = InferenceModel.builder();
        Map<String, String> taken = new java.util.HashMap<>();
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            NpyArray a = e.getValue();
            String name = parameterName(e.getKey(), prefix);
            if (name == null || a.shape().length == 0) {
                continue;
            }
            String before = taken.put(name, e.getKey());
            if (before != null) {
                throw new DataException(source + ": " + before + " and " + e.getKey() + " are both "
                        + name + "; keep one");
            }
            try {
                if (a.type() == NpyType.FLOAT32) {
                    b.param(name, a.floats(), a.shape());
                } else if (a.type() == NpyType.FLOAT64) {
                    b.param(name, a.doubles(), a.shape());
                } else {
                    throw new DataException(source + ": parameter " + e.getKey() + " must be float32 or "
                            + "float64, got " + a.type());
                }
            } catch (IllegalArgumentException ex) {
                throw new DataException(source + ": " + ex.getMessage(), ex);
            }
        }
        return b;
    }

    /** The parameter name an archive entry stands for, or null if it is not a parameter. */
    private static String parameterName(String entry, String prefix) {
        java.util.regex.Matcher running = CLI_RUNNING.matcher(entry);
        if (running.matches()) {
            return running.group(2) + running.group(1);
        }
        if (entry.startsWith("running_")) {
            return PARAM.matcher(entry).matches() ? entry : null;
        }
        if (!entry.startsWith(prefix)) {
            return null;
        }
        String name = entry.substring(prefix.length());
        return PARAM.matcher(name).matches() ? name : null;
    }
}
