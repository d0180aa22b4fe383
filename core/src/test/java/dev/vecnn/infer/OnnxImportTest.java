package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.DataException;
import dev.vecnn.io.Npy;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Onnx;
import dev.vecnn.io.OnnxModel;
import dev.vecnn.io.OnnxModel.Attribute;
import dev.vecnn.io.OnnxModel.Dim;
import dev.vecnn.io.OnnxModel.Node;
import dev.vecnn.io.OnnxModel.TensorData;
import dev.vecnn.io.OnnxModel.ValueInfo;
import dev.vecnn.layers.Normalization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Graphs made by other tools (core/src/test/python/onnx_fixtures.py: torch.onnx.export with both
 * exporters, the MatMul + Add graph skl2onnx emits for an MLPClassifier, a Gemm with transB, alpha,
 * beta after a Reshape of a fixed (1, 3, 32, 32) input) read by vecnn give ONNX Runtime's outputs
 * (committed beside them) within 1e-5 and the same top-1 class; graphs vecnn cannot run exactly
 * are refused in one line naming the node and its op.
 */
class OnnxImportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "torch_mlp_bn,        false, 3072, 32, BATCHNORM",
        "torch_mlp_bn_dynamo, false, 3072, 32, NONE",
        "sklearn_mlp,         true,  20,   16, NONE",
        "gemm_reshape_ln,     true,  3072, 8,  LAYERNORM"})
    void readsWhatOtherToolsWriteAndAgreesWithOnnxRuntime(String name, boolean softmax, int inputDim, int hidden,
                                                          Normalization norm) throws IOException {
        InferenceModel model = InferenceModel.fromOnnx(resource(name + ".onnx"), name);
        assertThat(model.inputDim()).isEqualTo(inputDim);
        assertThat(model.layerDims()[1]).isEqualTo(hidden);
        assertThat(model.normalization()).isEqualTo(norm);
        NpyArray xs = npy(name + "_x.npy");
        float[] expected = npy(name + "_ort.npy").floats();
        int rows = xs.shape()[0];
        int classes = model.numClasses();
        assertThat(expected).hasSize(rows * classes);
        float[] scores = model.scores(xs.floats(), rows);
        double[] got = new double[scores.length];
        for (int i = 0; i < got.length; i++) got[i] = scores[i];
        if (softmax) {
            got = OnnxRuntimeTest.softmax(got, classes);
        }
        double[] want = new double[expected.length];
        for (int i = 0; i < want.length; i++) want[i] = expected[i];
        assertThat(OnnxRuntimeTest.rowRelativeError(want, got, classes)).isLessThanOrEqualTo(1e-5);
        assertThat(OnnxRuntimeTest.top1(got, classes)).isEqualTo(OnnxRuntimeTest.top1(want, classes));
    }

    @Test
    void typedFieldsAndRawDataReadTheSame() throws IOException {
        // sklearn_mlp keeps its initializers in float_data; written back by vecnn they are raw_data
        OnnxModel typed = Onnx.read(resource("sklearn_mlp.onnx"), "sklearn_mlp.onnx");
        OnnxModel raw = Onnx.read(Onnx.toBytes(typed), "rewritten");
        assertThat(raw.graph().initializers()).hasSameSizeAs(typed.graph().initializers());
        for (int i = 0; i < raw.graph().initializers().size(); i++) {
            assertThat(raw.graph().initializers().get(i).floats()).containsExactly(typed.graph().initializers().get(i).floats());
        }
    }

    // ---- refusals: one line, naming the node and its op ----

    @Test
    void unsupportedOpIsRefusedNamingOpAndNode() {
        Graph g = new Graph(4).gemm("fc1", 3).node("act", "LeakyRelu").gemm("fc2", 2);
        assertRefused(g, "unsupported op LeakyRelu in node 'act' (LeakyRelu)");
    }

    @Test
    void externalDataIsRefused() {
        Graph g = new Graph(4).gemm("fc1", 3);
        g.init.set(0, new TensorData("fc1.W", OnnxModel.FLOAT, new long[] {4, 3}, null, null, null, "weights.bin"));
        assertRefused(g, "initializer 'fc1.W' keeps its values in an external file ('weights.bin')");
    }

    @Test
    void branchesAndSideOutputsAreRefused() {
        Graph g = new Graph(4).gemm("fc1", 3);
        g.nodes.add(new Node("skip", "Add", "", List.of("x", "fc1.out"), List.of("sum"), List.of()));
        g.output = "sum";
        assertRefused(g, "node 'skip' (Add) takes 'x', which is neither the chain's value nor a constant");
    }

    @Test
    void layersOutOfVecnnsOrderAreRefused() {
        assertRefused(new Graph(4).node("first", "Relu").gemm("fc1", 3),
                "node 'first' (Relu) comes first; expected an affine layer");
        assertRefused(new Graph(4).gemm("fc1", 3).node("relu", "Relu"),
                "the graph ends with node 'relu' (Relu); vecnn's nets end with an affine layer");
        assertRefused(new Graph(4).gemm("fc1", 3).node("relu", "Relu").gemm("fc2", 3).gemm("fc3", 2),
                "node 'fc3' (Gemm) comes after node 'fc2' (Gemm); expected a Relu");
        assertRefused(new Graph(4).gemm("fc1", 3).node("sm", "Softmax").gemm("fc2", 2),
                "node 'fc2' (Gemm) comes after node 'sm' (Softmax); expected the end of the graph after its Softmax");
    }

    @Test
    void gemmVecnnCannotRunExactlyIsRefused() {
        Graph g = new Graph(4).gemm("fc1", 3);
        g.nodes.set(0, withAttribute(g.nodes.get(0), Attribute.of("transA", 1L)));
        assertRefused(g, "node 'fc1' (Gemm): transA = 1 on the activations");
        Graph mul = new Graph(4).gemm("fc1", 3).node("relu", "Relu").scale("twice", 2.0f).gemm("fc2", 2);
        assertRefused(mul, "node 'twice' (Mul): the Mul's factor (vanilla dropout's keep probability) must be in (0, 1]");
    }

    @Test
    void trainingModeBatchNormIsRefused() {
        Graph g = new Graph(4).gemm("fc1", 3);
        g.batchNorm("bn", 3, 1L).node("relu", "Relu").gemm("fc2", 2);
        assertRefused(g, "node 'bn' (BatchNormalization): training_mode = 1");
    }

    @Test
    void opsetOutsideTheReadRangeIsRefused() {
        Graph g = new Graph(4).gemm("fc1", 3);
        g.opset = 7;
        assertRefused(g, "opset 7; vecnn reads opsets 9 to 23");
    }

    @Test
    void anImportedVanillaDropoutNetIsVecnnsOwn() throws IOException {
        Graph g = new Graph(4).gemm("fc1", 3).node("relu", "Relu").scale("keep", 0.5f).gemm("fc2", 2);
        InferenceModel m = InferenceModel.fromOnnx(Onnx.toBytes(g.model()), "vanilla");
        assertThat(m.dropoutMode()).isEqualTo(DropoutMode.VANILLA);
        assertThat(m.keepProb()).isEqualTo(0.5);
    }

    private static void assertRefused(Graph g, String message) {
        byte[] bytes = Onnx.toBytes(g.model());
        assertThatThrownBy(() -> InferenceModel.fromOnnx(bytes, "test.onnx"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("test.onnx: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Node withAttribute(Node n, Attribute a) {
        List<Attribute> attributes = new ArrayList<>(n.attributes());
        attributes.add(a);
        return new Node(n.name(), n.opType(), n.domain(), n.inputs(), n.outputs(), attributes);
    }

    /** A small graph built node by node: input x (N, width), float32 weights of fixed values. */
    private static final class Graph {
        final List<Node> nodes = new ArrayList<>();
        final List<TensorData> init = new ArrayList<>();
        final int inputWidth;
        String cur = "x";
        String output;
        int width;
        long opset = 17;

        Graph(int width) {
            this.inputWidth = width;
            this.width = width;
        }

        Graph gemm(String name, int out) {
            float[] w = new float[width * out];
            for (int i = 0; i < w.length; i++) w[i] = (i % 7 - 3) / 5f;
            init.add(TensorData.of(name + ".W", w, width, out));
            init.add(TensorData.of(name + ".b", new float[out], out));
            return add(new Node(name, "Gemm", "", List.of(cur, name + ".W", name + ".b"), List.of(name + ".out"), List.of()),
                    out);
        }

        Graph node(String name, String op) {
            return add(new Node(name, op, "", List.of(cur), List.of(name + ".out"), List.of()), width);
        }

        Graph scale(String name, float factor) {
            init.add(TensorData.of(name + ".factor", new float[] {factor}));
            return add(new Node(name, "Mul", "", List.of(cur, name + ".factor"), List.of(name + ".out"), List.of()), width);
        }

        Graph batchNorm(String name, int d, long trainingMode) {
            List<String> in = new ArrayList<>(List.of(cur));
            for (String p : List.of("scale", "B", "mean", "var")) {
                float[] v = new float[d];
                Arrays.fill(v, 1f);
                init.add(TensorData.of(name + "." + p, v, d));
                in.add(name + "." + p);
            }
            return add(new Node(name, "BatchNormalization", "", in, List.of(name + ".out"),
                    List.of(Attribute.of("training_mode", trainingMode))), width);
        }

        private Graph add(Node n, int newWidth) {
            nodes.add(n);
            cur = n.outputs().get(0);
            output = cur;
            width = newWidth;
            return this;
        }

        OnnxModel model() {
            Map<String, Long> opsets = new LinkedHashMap<>();
            opsets.put("", opset);
            OnnxModel.Graph g = new OnnxModel.Graph("test", nodes, init,
                    List.of(new ValueInfo("x", OnnxModel.FLOAT, List.of(Dim.symbolic("N"), Dim.of(inputWidth)))),
                    List.of(new ValueInfo(output, OnnxModel.FLOAT, List.of(Dim.symbolic("N"), Dim.of(width)))), "");
            return new OnnxModel(8, opsets, "test", "", g, Map.of());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxImportTest.class.getResourceAsStream("onnx/" + name)) {
            if (in == null) throw new IOException("missing test resource onnx/" + name);
            return in.readAllBytes();
        }
    }

    private static NpyArray npy(String name) throws IOException {
        byte[] b = resource(name);
        return Npy.read(new java.io.ByteArrayInputStream(b), b.length, name);
    }
}
