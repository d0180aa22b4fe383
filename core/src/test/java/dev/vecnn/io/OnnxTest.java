package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.OnnxModel.Attribute;
import dev.vecnn.io.OnnxModel.Dim;
import dev.vecnn.io.OnnxModel.Node;
import dev.vecnn.io.OnnxModel.TensorData;
import dev.vecnn.io.OnnxModel.ValueInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protobuf reader and writer on the ONNX subset: what the writer writes reads back the same;
 * a file torch.onnx.export wrote (core/src/test/python/onnx_fixtures.py) reads as the onnx package
 * shows it; malformed input is a DataException naming the byte offset or tensor, allocating nothing
 * the input cannot back.
 */
class OnnxTest {

    static OnnxModel sample() {
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", 17L);
        opsets.put("ai.onnx.ml", 3L);
        List<TensorData> init = List.of(
                TensorData.of("W", new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, -0f, 3e38f}, 3, 2),
                TensorData.of("d", new double[] {Math.PI, -1e-300}, 2),
                TensorData.ofLongs("shape", new long[] {-1, 3072, Long.MIN_VALUE}, 3));
        Node gemm = new Node("fc", "Gemm", "", List.of("x", "W", ""), List.of("y"),
                List.of(Attribute.of("alpha", 0.5f), Attribute.of("transB", 1L), Attribute.of("perm", new long[] {1, 0, -7}),
                        Attribute.of("value", TensorData.of("t", new float[] {7f}))));
        Node custom = new Node("", "Custom", "com.example", List.of("y"), List.of("z", "mask"), List.of());
        OnnxModel.Graph g = new OnnxModel.Graph("g", List.of(gemm, custom), init,
                List.of(new ValueInfo("x", OnnxModel.FLOAT, List.of(Dim.symbolic("N"), Dim.of(3)))),
                List.of(new ValueInfo("z", OnnxModel.DOUBLE, null)), "a graph");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("vecnn.class_names", "[\"cat\", \"dög\"]");
        return new OnnxModel(8, opsets, "vecnn", "0.1", g, meta);
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() throws DataException {
        OnnxModel m = sample();
        OnnxModel back = Onnx.read(Onnx.toBytes(m), "sample");
        assertThat(back.irVersion()).isEqualTo(8);
        assertThat(back.opsets()).isEqualTo(m.opsets());
        assertThat(back.producerName()).isEqualTo("vecnn");
        assertThat(back.metadata()).isEqualTo(m.metadata());
        OnnxModel.Graph g = back.graph();
        assertThat(g.docString()).isEqualTo("a graph");
        assertThat(g.inputs()).isEqualTo(m.graph().inputs());
        assertThat(g.outputs()).isEqualTo(m.graph().outputs());
        TensorData w = g.initializers().get(0);
        assertThat(w.dims()).containsExactly(3, 2);
        assertThat(w.floats()).containsExactly(1.5f, -2f, 0f, Float.MIN_VALUE, -0f, 3e38f);
        assertThat(g.initializers().get(1).doubles()).containsExactly(Math.PI, -1e-300);
        assertThat(g.initializers().get(2).longs()).containsExactly(-1, 3072, Long.MIN_VALUE);
        Node gemm = g.nodes().get(0);
        assertThat(gemm.inputs()).containsExactly("x", "W", "");
        assertThat(gemm.attribute("alpha").f()).isEqualTo(0.5f);
        assertThat(gemm.attribute("transB").i()).isEqualTo(1);
        assertThat(gemm.attribute("perm").ints()).containsExactly(1, 0, -7);
        assertThat(gemm.attribute("value").t().floats()).containsExactly(7f);
        assertThat(g.nodes().get(1).domain()).isEqualTo("com.example");
        assertThat(g.nodes().get(1).outputs()).containsExactly("z", "mask");
        assertThat(Onnx.toBytes(back)).isEqualTo(Onnx.toBytes(m));
    }

    @Test
    void readsWhatTorchOnnxExportWrote() throws IOException {
        OnnxModel m;
        try (InputStream in = OnnxTest.class.getResourceAsStream("/dev/vecnn/infer/onnx/torch_mlp_bn.onnx")) {
            m = Onnx.read(in, "torch_mlp_bn.onnx");
        }
        // as onnx.load shows it (see onnx_fixtures.py)
        assertThat(m.producerName()).isEqualTo("pytorch");
        assertThat(m.opsets()).containsEntry("", 17L);
        assertThat(m.graph().nodes()).extracting(Node::opType)
                .containsExactly("Flatten", "Gemm", "BatchNormalization", "Relu", "Gemm");
        assertThat(m.graph().nodes().get(1).attribute("transB").i()).isEqualTo(1);
        assertThat(m.graph().nodes().get(2).attribute("epsilon").f()).isEqualTo(1e-5f);
        assertThat(m.graph().initializers()).extracting(TensorData::name).contains("fc1.weight", "bn.running_var");
        assertThat(m.graph().initializers().get(0).dims()).containsExactly(32, 3072);
        assertThat(m.graph().inputs().get(0).shape()).containsExactly(Dim.symbolic("N"), Dim.of(3), Dim.of(32), Dim.of(32));
    }

    @Test
    void everyTruncationLoadsOrIsADataException() {
        byte[] full = Onnx.toBytes(sample());
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            try {
                Onnx.read(cut, "cut");
            } catch (DataException expected) {
                assertThat(expected.getMessage()).startsWith("cut: ");
            }
        }
    }

    @Test
    void malformedInputIsNamedByOffset() {
        assertThatThrownBy(() -> Onnx.read(new byte[0], "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: empty file, expected an ONNX model (a protobuf ModelProto)");
        byte[] longVarint = {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThatThrownBy(() -> Onnx.read(longVarint, "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: at byte 1: expected a varint of at most 10 bytes");
        byte[] pastEnd = {0x3A, (byte) 0xFF, 0x7F, 0x01};   // graph, 16383 bytes long, in a 4-byte file
        assertThatThrownBy(() -> Onnx.read(pastEnd, "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: at byte 1: expected a length of at most the 1 bytes left in the message (field 7), got 16383");
        byte[] group = {0x0B};   // field 1, wire type 3 (start group)
        assertThatThrownBy(() -> Onnx.read(group, "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: at byte 0: expected wire type 0, 1, 2 or 5 (field 1), got 3");
        byte[] textFile = "ir_version: 8\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Onnx.read(textFile, "f.onnx")).isInstanceOf(DataException.class)
                .hasMessageStartingWith("f.onnx: at byte ");
    }

    @Test
    void tensorSizesAreCheckedBeforeAllocating() {
        // dims (2^20, 2^20, 2^20) with 8 bytes of raw_data: refused on the product, no array made
        ProtoWriter huge = new ProtoWriter().packedVarints(1, new long[] {1 << 20, 1 << 20, 1 << 20}).varint(2, 1)
                .string(8, "big").bytes(9, new byte[8]);
        assertThatThrownBy(() -> Onnx.read(model(huge), "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: tensor 'big': dimensions [1048576, 1048576, 1048576] make more than 2^31 elements");
        ProtoWriter shortRaw = new ProtoWriter().packedVarints(1, new long[] {3, 4}).varint(2, 1)
                .string(8, "w").bytes(9, new byte[40]);
        assertThatThrownBy(() -> Onnx.read(model(shortRaw), "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: tensor 'w': FLOAT [3, 4] needs 48 bytes of raw_data, got 40");
        ProtoWriter typed = new ProtoWriter().packedVarints(1, new long[] {3}).varint(2, 1).string(8, "v")
                .float32(4, 1f).float32(4, 2f);
        assertThatThrownBy(() -> Onnx.read(model(typed), "f.onnx")).isInstanceOf(DataException.class)
                .hasMessage("f.onnx: tensor 'v': FLOAT [3] needs 3 values in float_data (or raw_data), got 2");
    }

    @Test
    void typedFieldsPackedOrNotAndExternalData() throws DataException {
        ProtoWriter unpacked = new ProtoWriter().packedVarints(1, new long[] {2}).varint(2, 1).string(8, "v")
                .float32(4, 1f).float32(4, 2f);
        assertThat(Onnx.read(model(unpacked), "f").graph().initializers().get(0).floats()).containsExactly(1f, 2f);
        ProtoWriter int64 = new ProtoWriter().varint(1, 2).varint(2, 7).string(8, "s").varint(7, -1).varint(7, 3072);
        assertThat(Onnx.read(model(int64), "f").graph().initializers().get(0).longs()).containsExactly(-1, 3072);
        ProtoWriter external = new ProtoWriter().varint(1, 2).varint(2, 1).string(8, "e")
                .message(13, new ProtoWriter().string(1, "location").string(2, "w.bin")).varint(14, 1);
        TensorData e = Onnx.read(model(external), "f").graph().initializers().get(0);
        assertThat(e.externalLocation()).isEqualTo("w.bin");
        assertThat(e.hasValues()).isFalse();
    }

    /** A model whose graph holds one initializer. */
    private static byte[] model(ProtoWriter tensor) {
        return new ProtoWriter().varint(1, 8).message(7, new ProtoWriter().message(5, tensor)).toByteArray();
    }
}
