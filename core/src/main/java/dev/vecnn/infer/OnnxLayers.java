package dev.vecnn.infer;

import dev.vecnn.infer.OnnxImport.Chain;
import dev.vecnn.infer.OnnxImport.Step;
import dev.vecnn.io.DataException;
import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import java.util.List;
import java.util.Map;

/**
 * The steps an imported ONNX graph was read as ({@link OnnxImport}), checked against the one net
 * shape vecnn's engine runs and built into an {@link InferenceModel}:
 * <pre>
 *   {LINEAR [BATCHNORM | LAYERNORM] RELU [SCALE]} x (L - 1)   LINEAR   [SOFTMAX]
 * </pre>
 * with the same normalization (and eps) in every hidden layer and the same SCALE (vanilla
 * dropout's keep probability, in (0, 1]) after every hidden ReLU or none. Anything else is refused
 * naming the node where the graph leaves that shape.
 */
final class OnnxLayers {
    private OnnxLayers() {}

    static InferenceModel build(Chain chain, Map<String, String> metadata, String source) throws DataException {
        List<Step> steps = chain.steps;
        DType precision = chain.float64 ? DType.FLOAT64 : DType.FLOAT32;
        InferenceModelBuilder b = InferenceModel.builder().precision(precision);
        Normalization norm = null;
        double eps = Double.NaN;
        Double scale = null;
        int layer = 0;
        int i = 0;
        while (true) {
            if (i >= steps.size()) {
                throw new DataException(source + ": the graph " + (steps.isEmpty() ? "has no layers"
                        : "ends with " + steps.get(steps.size() - 1).where) + "; vecnn's nets end with an affine layer "
                        + "(Gemm, or MatMul and Add)");
            }
            Step s = steps.get(i++);
            if (s.kind != Step.Kind.LINEAR) {
                throw unexpected(source, s, i >= 2 ? steps.get(i - 2) : null, "an affine layer (Gemm, or MatMul and Add)");
            }
            layer++;
            put(b, precision, "W" + layer, s.w, s.in, s.out);
            put(b, precision, "b" + layer, s.b, s.out);
            if (i == steps.size() || steps.get(i).kind == Step.Kind.SOFTMAX) {
                if (i < steps.size() && i + 1 < steps.size()) {
                    throw unexpected(source, steps.get(i + 1), steps.get(i), "the end of the graph after its Softmax");
                }
                break;
            }
            // a hidden layer: [norm] relu [scale]
            Step next = steps.get(i);
            Normalization here = Normalization.NONE;
            if (next.kind == Step.Kind.BATCHNORM || next.kind == Step.Kind.LAYERNORM) {
                here = next.kind == Step.Kind.BATCHNORM ? Normalization.BATCHNORM : Normalization.LAYERNORM;
                put(b, precision, "gamma" + layer, next.gamma, next.gamma.length);
                put(b, precision, "beta" + layer, next.b, next.b.length);
                if (here == Normalization.BATCHNORM) {
                    put(b, precision, "running_mean" + layer, next.mean, next.mean.length);
                    put(b, precision, "running_var" + layer, next.var, next.var.length);
                }
                if (!Double.isNaN(eps) && next.eps != eps) {
                    throw new DataException(source + ": " + next.where + " has epsilon " + next.eps + ", an earlier layer "
                            + eps + "; vecnn runs one epsilon for every layer");
                }
                eps = next.eps;
                i++;
            }
            if (norm != null && here != norm) {
                throw new DataException(source + ": hidden layer " + layer + " (" + s.where + ") has " + describe(here)
                        + ", hidden layer 1 " + describe(norm) + "; vecnn runs one normalization in every hidden layer");
            }
            norm = here;
            if (i >= steps.size() || steps.get(i).kind != Step.Kind.RELU) {
                throw unexpected(source, i < steps.size() ? steps.get(i) : null, steps.get(i - 1), "a Relu");
            }
            i++;
            Double here2 = null;
            if (i < steps.size() && steps.get(i).kind == Step.Kind.SCALE) {
                Step m = steps.get(i++);
                try {
                    KeepProbability.check("the Mul's factor (vanilla dropout's keep probability)", m.scale);
                } catch (IllegalArgumentException e) {
                    throw new DataException(source + ": " + m.where + ": " + e.getMessage());
                }
                here2 = m.scale;
            }
            if (layer > 1 && !java.util.Objects.equals(here2, scale)) {
                throw new DataException(source + ": hidden layer " + layer + " (" + s.where + ") is "
                        + (here2 == null ? "not scaled" : "scaled by " + here2) + " after its Relu, hidden layer 1 "
                        + (scale == null ? "not" : "by " + scale) + "; vecnn scales every hidden layer by one keep "
                        + "probability (vanilla dropout) or none");
            }
            scale = here2;
        }
        try {
            b.normalization(norm == null ? Normalization.NONE : norm);
            if (norm != null && norm != Normalization.NONE) {
                b.eps(eps);
            }
            if (scale != null) {
                b.dropout(DropoutMode.VANILLA, scale);
            }
            InferenceModel model = b.build();
            if (chain.meanImage == null) {
                return model;
            }
            double[] mean = new double[model.inputDim()];   // W1 holds at least this many values
            for (int j = 0; j < mean.length; j++) {
                mean[j] = chain.meanImage.get(chain.meanImage.size() == 1 ? 0 : j);
            }
            return model.withMeanImage(mean);
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
    }

    private static DataException unexpected(String source, Step got, Step after, String expected) {
        String what = got == null ? "the graph ends" : got.where + " comes";
        return new DataException(source + ": " + what + (after == null ? " first" : " after " + after.where)
                + "; expected " + expected + " (vecnn's layers: affine [- BatchNormalization | LayerNormalization] - "
                + "Relu [- Mul by the keep probability], then a last affine layer [- Softmax])");
    }

    private static String describe(Normalization n) {
        return n == Normalization.NONE ? "no normalization" : n == Normalization.BATCHNORM ? "BatchNormalization"
                : "LayerNormalization";
    }

    private static void put(InferenceModelBuilder b, DType precision, String name, double[] values, int... shape) {
        if (precision == DType.FLOAT64) {
            b.param(name, values, shape);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            b.param(name, f, shape);
        }
    }
}
