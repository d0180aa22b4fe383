package dev.vecnn.infer;

import dev.vecnn.io.Json;
import dev.vecnn.io.OnnxModel;
import dev.vecnn.io.OnnxModel.Attribute;
import dev.vecnn.io.OnnxModel.Dim;
import dev.vecnn.io.OnnxModel.Node;
import dev.vecnn.io.OnnxModel.TensorData;
import dev.vecnn.io.OnnxModel.ValueInfo;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link InferenceModel} as an ONNX graph (opset {@value #OPSET}, IR version {@value #IR_VERSION}):
 * the net's test-mode forward, node for node.
 * <pre>
 *   [Sub(pixels, mean_image)]                       when the model has a mean image (optional)
 *   per hidden layer k:  Gemm(x, W&lt;k&gt;, b&lt;k&gt;)             W as vecnn stores it, (in, out), transB = 0
 *                        [BatchNormalization(gamma, beta, running_mean, running_var, epsilon)
 *                         | LayerNormalization(gamma, beta, axis = -1, epsilon)]
 *                        Relu
 *                        [Mul(keep_p)]              vanilla dropout only; inverted dropout is the identity
 *   output layer:        Gemm(h, W&lt;L&gt;, b&lt;L&gt;) -> scores   [Softmax -> probabilities] (optional)
 * </pre>
 * Tensors are FLOAT or DOUBLE as the model's precision; the batch dimension is symbolic ("N").
 * {@code metadata_props}: {@value #CLASS_NAMES_KEY} (when given), {@code vecnn.preprocessing},
 * {@code vecnn.dropout}, {@code vecnn.architecture}: what the graph expects and how it was made.
 */
final class OnnxExport {
    /** The operator set version every export uses (LayerNormalization needs 17). */
    static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    static final int IR_VERSION = 8;
    /** The metadata key of the class names (a JSON array of strings). */
    static final String CLASS_NAMES_KEY = "vecnn.class_names";

    private OnnxExport() {}

    static OnnxModel export(InferenceModel model, NetWeights nw, OnnxExportOptions options) {
        DType precision = nw.precision();
        int elemType = precision == DType.FLOAT32 ? OnnxModel.FLOAT : OnnxModel.DOUBLE;
        List<Node> nodes = new ArrayList<>();
        List<TensorData> init = new ArrayList<>();
        int layers = nw.layers();
        int[] dims = nw.dims();
        boolean sub = options.meanImage() && model.hasMeanImage();
        String input = sub ? "pixels" : "x";
        String cur = input;
        if (sub) {
            double[] mean = model.meanImage();
            init.add(vector("mean_image", mean, precision, 1, dims[0]));
            nodes.add(node("preprocess/Sub", "Sub", List.of("pixels", "mean_image"), "x"));
            cur = "x";
        }
        for (int l = 0; l < layers; l++) {
            int k = l + 1;
            boolean last = l == layers - 1;
            init.add(tensor("W" + k, nw.w()[l]));
            init.add(tensor("b" + k, nw.b()[l]));
            String out = last ? "scores" : "affine" + k;
            nodes.add(node("layer" + k + "/Gemm", "Gemm", List.of(cur, "W" + k, "b" + k), out));
            cur = out;
            if (last) {
                break;
            }
            if (nw.normalization() == Normalization.BATCHNORM) {
                init.add(tensor("gamma" + k, nw.gamma()[l]));
                init.add(tensor("beta" + k, nw.beta()[l]));
                init.add(tensor("running_mean" + k, nw.mean()[l]));
                init.add(tensor("running_var" + k, nw.var()[l]));
                nodes.add(node("layer" + k + "/BatchNormalization", "BatchNormalization",
                        List.of(cur, "gamma" + k, "beta" + k, "running_mean" + k, "running_var" + k), "norm" + k,
                        Attribute.of("epsilon", (float) nw.eps())));
                cur = "norm" + k;
            } else if (nw.normalization() == Normalization.LAYERNORM) {
                init.add(tensor("gamma" + k, nw.gamma()[l]));
                init.add(tensor("beta" + k, nw.beta()[l]));
                nodes.add(node("layer" + k + "/LayerNormalization", "LayerNormalization",
                        List.of(cur, "gamma" + k, "beta" + k), "norm" + k,
                        Attribute.of("axis", -1L), Attribute.of("epsilon", (float) nw.eps())));
                cur = "norm" + k;
            }
            nodes.add(node("layer" + k + "/Relu", "Relu", List.of(cur), "relu" + k));
            cur = "relu" + k;
            if (nw.hiddenScale() != 1) {
                if (k == 1) {
                    init.add(vector("keep_p", new double[] {nw.hiddenScale()}, precision));
                }
                nodes.add(node("layer" + k + "/VanillaDropout", "Mul", List.of(cur, "keep_p"), "dropout" + k));
                cur = "dropout" + k;
            }
        }
        String output = "scores";
        if (options.softmax()) {
            nodes.add(node("output/Softmax", "Softmax", List.of("scores"), "probabilities", Attribute.of("axis", -1L)));
            output = "probabilities";
        }
        List<ValueInfo> inputs = List.of(new ValueInfo(input, elemType, List.of(Dim.symbolic("N"), Dim.of(dims[0]))));
        List<ValueInfo> outputs = List.of(new ValueInfo(output, elemType,
                List.of(Dim.symbolic("N"), Dim.of(dims[layers]))));
        String doc = "vecnn " + model + (sub ? "; input: raw pixel values, the mean image is subtracted by the Sub node"
                : "; input: preprocessed rows");
        OnnxModel.Graph graph = new OnnxModel.Graph("vecnn", nodes, init, inputs, outputs, doc);

        Map<String, String> meta = new LinkedHashMap<>();
        // the names given, else the model's own (a model file's class_names)
        List<String> names = options.classNames() != null ? options.classNames()
                : model.hasClassNames() ? model.classNames() : null;
        if (names != null) {
            meta.put(CLASS_NAMES_KEY, jsonArray(names));
        }
        meta.put("vecnn.preprocessing", sub
                ? "input 'pixels': raw values (CIFAR-10: 0..255, (3, 32, 32) order flattened); the graph subtracts the mean image"
                : model.hasMeanImage() ? "input 'x': rows with the training mean image already subtracted"
                : "input 'x': rows preprocessed as in training");
        meta.put("vecnn.dropout", model.dropoutMode() == DropoutMode.VANILLA
                ? "vanilla, keep p=" + model.keepProb() + ": hidden activations multiplied by p (Mul nodes)"
                : model.keepProb() != 1 ? "inverted, keep p=" + model.keepProb() + ": the identity at test time (no nodes)"
                : "none");
        meta.put("vecnn.architecture", model.toString());
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", (long) OPSET);
        String version = InferenceModel.class.getPackage().getImplementationVersion();
        return new OnnxModel(IR_VERSION, opsets, "vecnn", version == null ? "dev" : version, graph, meta);
    }

    /** {@code ["a", "b"]} on one line. */
    static String jsonArray(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(Json.write(names.get(i)).strip());
        }
        return sb.append(']').toString();
    }

    private static Node node(String name, String op, List<String> inputs, String output, Attribute... attributes) {
        return new Node(name, op, "", inputs, List.of(output), List.of(attributes));
    }

    private static TensorData tensor(String name, Tensor t) {
        long[] dims = new long[t.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.dim(i);
        }
        return t.isFloat32() ? TensorData.of(name, t.floats(), dims) : TensorData.of(name, t.doubles(), dims);
    }

    /** {@code values} rounded to the model's precision, with {@code dims}. */
    private static TensorData vector(String name, double[] values, DType precision, long... dims) {
        if (precision == DType.FLOAT64) {
            return TensorData.of(name, values, dims);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return TensorData.of(name, f, dims);
    }
}
