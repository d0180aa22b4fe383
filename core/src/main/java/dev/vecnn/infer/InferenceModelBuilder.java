package dev.vecnn.infer;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.model.NetPlan;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import dev.vecnn.layers.Normalization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an {@link InferenceModel} from named arrays, using the assignment's parameter names:
 * {@code W1, b1, W2, b2, …} for the affine layers ({@code W<k>} has shape (in, out), {@code b<k>}
 * shape (out,)), and for the hidden layers {@code k = 1 … L-1} optionally {@code gamma<k>},
 * {@code beta<k>} (batchnorm and layernorm) and {@code running_mean<k>}, {@code running_var<k>}
 * (batchnorm only; in the assignment these live in {@code bn_params[k-1]}).
 *
 * <pre>{@code
 * InferenceModel model = InferenceModel.builder()
 *         .param("W1", w1, 3072, 500).param("b1", b1, 500)
 *         .param("W2", w2, 500, 10).param("b2", b2, 10)
 *         .build();
 * }</pre>
 *
 * <p>At inference the hidden layers compute, per example: {@code h = x @ W + b}; with
 * {@code BATCHNORM} {@code h = (h - running_mean) / sqrt(running_var + eps) * gamma + beta} (per
 * feature, the running statistics); with {@code LAYERNORM} the same with the example's own mean and
 * biased variance over its features (gamma/beta only); then {@code relu}; with vanilla dropout
 * {@code × p}: the net's own test-mode forward on the training engine (normalizations computed in
 * double and rounded to the model's precision, as the layer functions do).
 *
 * <p>Values are copied: changing the arrays afterwards does not change the model. The model's
 * precision is {@link #precision(DType) set explicitly} or that of the array given for
 * {@code W1}; other arrays are converted. The normalization is read from the names present
 * (gamma1 with running_mean1: batchnorm; gamma1 alone: layernorm; neither: none) unless
 * {@link #normalization(Normalization) given}, in which case the names must agree with it.
 *
 * <p>{@link #build()} rejects, with an {@link IllegalArgumentException} naming the parameter, the
 * expected and the actual value: a missing {@code W1}, a gap ({@code W3} without {@code W2}), a
 * missing bias, shapes that do not chain ({@code W2} rows ≠ {@code W1} columns, {@code b1} length
 * ≠ {@code W1} columns), unknown names, NaN or infinite values, negative running variances.
 */
public final class InferenceModelBuilder {
    private static final Pattern NAME =
            Pattern.compile("(W|b|gamma|beta|running_mean|running_var)([1-9][0-9]*)");

    private final Map<String, Param> params = new LinkedHashMap<>();
    private Normalization normalization;        // null: infer from the names
    private DType precision;                // null: W1's array type
    private double eps = 1e-5;
    private DropoutMode dropoutMode = DropoutMode.INVERTED;
    private double keepProb = 1.0;

    InferenceModelBuilder() {}

    /** Adds (or replaces) parameter {@code name} with float32 {@code values} of {@code shape}. */
    public InferenceModelBuilder param(String name, float[] values, int... shape) {
        Param p = Param.of(name, values, shape);
        checkName(name);
        params.put(name, p);
        return this;
    }

    /** Adds (or replaces) parameter {@code name} with float64 {@code values} of {@code shape}. */
    public InferenceModelBuilder param(String name, double[] values, int... shape) {
        Param p = Param.of(name, values, shape);
        checkName(name);
        params.put(name, p);
        return this;
    }

    /**
     * The normalization the net was trained with. A plain numpy file carries no such flag, so the
     * default ({@code null}) infers it from the parameter names; when given, the names must agree.
     */
    public InferenceModelBuilder normalization(Normalization normalization) {
        this.normalization = normalization;
        return this;
    }

    /** The precision to store weights and compute in; default: the type of {@code W1}'s array. */
    public InferenceModelBuilder precision(DType precision) {
        this.precision = precision;
        return this;
    }

    /** The epsilon of batchnorm/layernorm (the assignment's default, 1e-5, unless set). */
    public InferenceModelBuilder eps(double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be > 0 and finite, got " + eps);
        }
        this.eps = eps;
        return this;
    }

    /**
     * How the net used dropout in training. {@code keepProb} is the KEEP probability p in (0, 1]
     * (the assignment's convention, {@code 1} = no dropout). With {@link DropoutMode#INVERTED}
     * (the default) inference ignores dropout; with {@link DropoutMode#VANILLA} every hidden
     * activation is multiplied by p, as the assignment's vanilla test-time dropout does.
     */
    public InferenceModelBuilder dropout(DropoutMode mode, double keepProb) {
        if (mode == null) {
            throw new IllegalArgumentException("dropout mode must not be null");
        }
        KeepProbability.check("keepProb", keepProb);
        this.dropoutMode = mode;
        this.keepProb = keepProb;
        return this;
    }

    /** Validates the parameters and builds the immutable model. */
    public InferenceModel build() {
        int layers = countLayers();
        int[] dims = new int[layers + 1];
        Param[] w = new Param[layers];
        Param[] b = new Param[layers];
        for (int k = 1; k <= layers; k++) {
            w[k - 1] = params.get("W" + k);
            if (w[k - 1].shape.length != 2) {
                throw new IllegalArgumentException("W" + k + " must be 2-D (in, out), got shape "
                        + w[k - 1].shapeString());
            }
            int in = w[k - 1].shape[0];
            int out = w[k - 1].shape[1];
            if (in == 0 || out == 0) {
                throw new IllegalArgumentException("W" + k + " must have non-zero dimensions, got shape "
                        + w[k - 1].shapeString());
            }
            if (k == 1) {
                dims[0] = in;
            } else if (in != dims[k - 1]) {
                throw new IllegalArgumentException("W" + k + " must have " + dims[k - 1]
                        + " rows (the columns of W" + (k - 1) + "), got shape " + w[k - 1].shapeString());
            }
            dims[k] = out;
            b[k - 1] = vector("b" + k, out, "W" + k + " " + w[k - 1].shapeString());
        }
        Normalization norm = resolveNormalization(layers);
        Param[] gamma = new Param[layers - 1];
        Param[] beta = new Param[layers - 1];
        Param[] mean = new Param[layers - 1];
        Param[] var = new Param[layers - 1];
        for (int k = 1; k < layers; k++) {
            String why = "W" + k + " " + w[k - 1].shapeString();
            if (norm != Normalization.NONE) {
                gamma[k - 1] = vector("gamma" + k, dims[k], why);
                beta[k - 1] = vector("beta" + k, dims[k], why);
            }
            if (norm == Normalization.BATCHNORM) {
                mean[k - 1] = vector("running_mean" + k, dims[k], why);
                var[k - 1] = vector("running_var" + k, dims[k], why);
                for (int j = 0; j < var[k - 1].size(); j++) {
                    if (var[k - 1].get(j) < 0) {
                        throw new IllegalArgumentException("running_var" + k + "[" + j
                                + "] must be >= 0, got " + var[k - 1].get(j));
                    }
                }
            }
        }
        DType prec = precision != null ? precision
                : (w[0].isFloat() ? DType.FLOAT32 : DType.FLOAT64);
        for (Param p : params.values()) {
            requireFinite(p, prec);
        }
        double hiddenScale = dropoutMode == DropoutMode.VANILLA ? keepProb : 1.0;
        NetWeights weights = new NetWeights(dims, prec, norm, tensors(w, prec), tensors(b, prec),
                tensors(gamma, prec), tensors(beta, prec), tensors(mean, prec), tensors(var, prec), eps, hiddenScale);
        NetPlan plan = NetPlan.forInference(dims, prec, norm, weights.w(), weights.b(), weights.gamma(), weights.beta(),
                weights.mean(), weights.var(), eps, hiddenScale);
        return new InferenceModel(plan, weights, dropoutMode, keepProb, null, null);
    }

    /** Private copies of the parameters in the model's precision (null entries stay null). */
    private static Tensor[] tensors(Param[] params, DType prec) {
        Tensor[] t = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) continue;
            t[i] = prec == DType.FLOAT32 ? Tensor.of(params[i].toFloats(), params[i].shape)
                    : Tensor.of(params[i].toDoubles(), params[i].shape);
        }
        return t;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unknown parameter name '" + name + "': expected W<k>, "
                    + "b<k>, gamma<k>, beta<k>, running_mean<k> or running_var<k> with k = 1, 2, …");
        }
    }

    /** Number of affine layers L: W1 … WL present; every other name must belong to 1 … L. */
    private int countLayers() {
        if (!params.containsKey("W1")) {
            throw new IllegalArgumentException("missing parameter W1 (the first affine layer's "
                    + "weights); got " + (params.isEmpty() ? "no parameters" : params.keySet()));
        }
        int layers = 1;
        while (params.containsKey("W" + (layers + 1))) {
            layers++;
        }
        for (String name : params.keySet()) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                continue;
            }
            int k = Integer.parseInt(m.group(2));
            if (k > layers) {
                throw new IllegalArgumentException("missing parameter W" + (layers + 1) + ": found "
                        + name + " but the affine layers stop at W" + layers);
            }
        }
        return layers;
    }

    private Normalization resolveNormalization(int layers) {
        boolean hasGamma = false;
        boolean hasRunning = false;
        String firstNorm = null;
        for (String name : params.keySet()) {
            if (name.startsWith("gamma") || name.startsWith("beta")) {
                hasGamma = true;
                firstNorm = firstNorm == null ? name : firstNorm;
            } else if (name.startsWith("running_")) {
                hasRunning = true;
                firstNorm = firstNorm == null ? name : firstNorm;
            }
        }
        Normalization found = !hasGamma && !hasRunning ? Normalization.NONE
                : hasRunning ? Normalization.BATCHNORM : Normalization.LAYERNORM;
        Normalization norm = normalization != null ? normalization : found;
        if (norm == Normalization.NONE && firstNorm != null) {
            throw new IllegalArgumentException("normalization NONE expects no normalization "
                    + "parameters, got " + firstNorm);
        }
        if (norm == Normalization.LAYERNORM && hasRunning) {
            throw new IllegalArgumentException("normalization LAYERNORM expects gamma<k>/beta<k> only, "
                    + "got running statistics (" + firstRunning() + "): was the net trained with batchnorm?");
        }
        if (norm != Normalization.NONE && layers == 1) {
            throw new IllegalArgumentException("normalization " + norm + " needs at least one hidden "
                    + "layer (W2), got a single affine layer W1");
        }
        String lastHidden = String.valueOf(layers);
        for (String prefix : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
            if (params.containsKey(prefix + lastHidden)) {
                throw new IllegalArgumentException("unexpected parameter " + prefix + lastHidden
                        + ": normalization applies to hidden layers 1 … " + (layers - 1)
                        + ", not to the output layer W" + layers);
            }
        }
        return norm;
    }

    private String firstRunning() {
        for (String name : params.keySet()) {
            if (name.startsWith("running_")) {
                return name;
            }
        }
        return "none";
    }

    private Param vector(String name, int length, String why) {
        Param p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("missing parameter " + name + " (expected shape ("
                    + length + ",) to match " + why + ")");
        }
        if (p.shape.length != 1 || p.shape[0] != length) {
            throw new IllegalArgumentException(name + " must have shape (" + length + ",) to match "
                    + why + ", got " + p.shapeString());
        }
        return p;
    }

    /** NaN or infinite weights (also float64 values beyond float32's range) are rejected. */
    private static void requireFinite(Param p, DType prec) {
        for (int i = 0, n = p.size(); i < n; i++) {
            double v = p.get(i);
            boolean finite = prec == DType.FLOAT32 ? Float.isFinite((float) v) : Double.isFinite(v);
            if (!finite) {
                throw new IllegalArgumentException(p.name + " must hold finite " + prec + " values, got "
                        + v + " at flat index " + i);
            }
        }
    }
}
