package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import dev.vecnn.data.DataException;
import dev.vecnn.data.Npz;
import dev.vecnn.data.NpyArray;
import dev.vecnn.data.NpyType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads an {@link InferenceModel} from a checkpoint {@code .npz}: the experiment's checkpoints
 * (parameters plus optimizer and solver state, which is ignored) or a file numpy wrote, e.g.
 * {@code np.savez("model.npz", **model.params, running_mean1=bn_params[0]["running_mean"], ...)}.
 *
 * <p>Arrays named {@code W<k>, b<k>, gamma<k>, beta<k>, running_mean<k>, running_var<k>} (the
 * assignment's names; see {@link InferenceModelBuilder}) of dtype float32 or float64 are the
 * parameters; every other name is ignored, and so are 0-d arrays (scalars such as Adam's
 * {@code beta1}, which share a name with layer 1's batchnorm shift). A plain numpy file carries no
 * normalization flag: it is read from the names (running statistics mean batchnorm, gamma/beta
 * alone layernorm) unless the caller passes it. Nor does it say how dropout was used: inverted
 * dropout (the assignment's) needs nothing, a vanilla-dropout net needs
 * {@code builder(file).dropout(DropoutMode.VANILLA, p)}.
 *
 * <p>Any problem with the file — unreadable, not an {@code .npz}, a parameter missing, of the wrong
 * dtype or shape, NaN weights — is a {@link DataException} naming the file and the parameter.
 */
public final class ModelFiles {
    private static final Pattern PARAM =
            Pattern.compile("(W|b|gamma|beta|running_mean|running_var)([1-9][0-9]*)");

    private ModelFiles() {}

    /** Loads the model in {@code file}, the normalization read from the parameter names. */
    public static InferenceModel load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads the model in {@code file}; {@code normalization} (null: read from the names) must
     * agree with the parameters present.
     */
    public static InferenceModel load(Path file, Normalization normalization) throws IOException {
        InferenceModelBuilder builder = builder(file).normalization(normalization);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A builder holding the parameters of {@code file}, for callers that need to set more (dropout
     * mode, eps, precision) before {@link InferenceModelBuilder#build()}.
     */
    public static InferenceModelBuilder builder(Path file) throws IOException {
        return builder(Npz.read(file), file.toString());
    }

    /** A builder holding the parameters among {@code arrays} (read from {@code source}). */
    public static InferenceModelBuilder builder(Map<String, NpyArray> arrays, String source)
            throws DataException {
        InferenceModelBuilder b = InferenceModel.builder();
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String name = e.getKey();
            NpyArray a = e.getValue();
            if (!PARAM.matcher(name).matches() || a.shape().length == 0) {
                continue;
            }
            try {
                if (a.type() == NpyType.FLOAT32) {
                    b.param(name, a.floats(), a.shape());
                } else if (a.type() == NpyType.FLOAT64) {
                    b.param(name, a.doubles(), a.shape());
                } else {
                    throw new DataException(source + ": parameter " + name + " must be float32 or "
                            + "float64, got " + a.type());
                }
            } catch (IllegalArgumentException ex) {
                throw new DataException(source + ": " + ex.getMessage(), ex);
            }
        }
        return b;
    }
}
