package dev.vecnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code .onnx} files (a protobuf {@code ModelProto}) for the subset in
 * {@link OnnxModel}, in pure Java over {@link ProtoReader} and {@link ProtoWriter}; the field
 * numbers are those of ONNX's {@code onnx.proto}.
 *
 * <p>Reading is bounded like the other readers: the whole file is read once (at most 2 GiB,
 * protobuf's own limit), and every length, element count and dimension product is checked against
 * the bytes that back it before an array is allocated. Any malformed input is a
 * {@link DataException} naming the source, the byte offset or the tensor, and what was expected.
 * Tensor values are read from {@code raw_data} (little-endian) or from the typed fields
 * ({@code float_data}, {@code double_data}, {@code int64_data}, {@code int32_data}); a tensor stored
 * in an external file is read as such ({@link OnnxModel.TensorData#externalLocation()}) without its
 * values.
 *
 * <p>Writing puts tensor values in {@code raw_data}; files go through a temporary file and a rename.
 */
public final class Onnx {
    /** protobuf refuses messages of 2 GiB and more; so do we. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private Onnx() {}

    /** Reads an {@code .onnx} file. */
    public static OnnxModel read(Path file) throws IOException {
        InputFiles.requireFile(file);
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new DataException(file + ": " + size + " bytes; an .onnx file (one protobuf message) holds less than 2 GiB");
        }
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads an {@code .onnx} model from a stream (to its end); {@code source} names it in messages. */
    public static OnnxModel read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    /** Reads an {@code .onnx} model held in {@code bytes}; {@code source} names it in messages. */
    public static OnnxModel read(byte[] bytes, String source) throws DataException {
        if (bytes.length == 0) {
            throw new DataException(source + ": empty file, expected an ONNX model (a protobuf ModelProto)");
        }
        return model(new ProtoReader(bytes, source));
    }

    /** The model's bytes (a protobuf {@code ModelProto}). */
    public static byte[] toBytes(OnnxModel model) {
        return model(model).toByteArray();
    }

    /** Writes {@code model} to {@code file} through a temporary file and a rename. */
    public static void write(Path file, OnnxModel model) throws IOException {
        byte[] bytes = toBytes(model);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    // ---- reading ----

    private static OnnxModel model(ProtoReader r) throws DataException {
        long ir = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        String producer = "";
        String producerVersion = "";
        OnnxModel.Graph graph = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1: ir = r.varint(); break;
                case 2: producer = r.string(); break;
                case 3: producerVersion = r.string(); break;
                case 7: {
                    if (graph != null) {
                        // protobuf would merge the two; a model file never has two
                        throw r.error(r.offset(), "one graph (ModelProto.graph), got a second one");
                    }
                    graph = graph(r.message());
                    break;
                }
                case 8: {
                    ProtoReader o = r.message();
                    String domain = "";
                    long version = 0;
                    while (o.next()) {
                        if (o.field() == 1) domain = o.string();
                        else if (o.field() == 2) version = o.varint();
                        else o.skip();
                    }
                    opsets.put(domain, version);
                    break;
                }
                case 14: {
                    String[] kv = keyValue(r.message());
                    metadata.put(kv[0], kv[1]);
                    break;
                }
                default: r.skip();
            }
        }
        return new OnnxModel(ir, opsets, producer, producerVersion, graph, metadata);
    }

    private static String[] keyValue(ProtoReader e) throws DataException {
        String key = "";
        String value = "";
        while (e.next()) {
            if (e.field() == 1) key = e.string();
            else if (e.field() == 2) value = e.string();
            else e.skip();
        }
        return new String[] {key, value};
    }

    private static OnnxModel.Graph graph(ProtoReader r) throws DataException {
        List<OnnxModel.Node> nodes = new ArrayList<>();
        List<OnnxModel.TensorData> initializers = new ArrayList<>();
        List<OnnxModel.ValueInfo> inputs = new ArrayList<>();
        List<OnnxModel.ValueInfo> outputs = new ArrayList<>();
        String name = "";
        String doc = "";
        while (r.next()) {
            switch (r.field()) {
                case 1: nodes.add(node(r.message())); break;
                case 2: name = r.string(); break;
                case 5: initializers.add(tensor(r.message())); break;
                case 10: doc = r.string(); break;
                case 11: inputs.add(valueInfo(r.message())); break;
                case 12: outputs.add(valueInfo(r.message())); break;
                default: r.skip();
            }
        }
        return new OnnxModel.Graph(name, nodes, initializers, inputs, outputs, doc);
    }

    private static OnnxModel.Node node(ProtoReader r) throws DataException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<OnnxModel.Attribute> attributes = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        while (r.next()) {
            switch (r.field()) {
                case 1: inputs.add(r.string()); break;
                case 2: outputs.add(r.string()); break;
                case 3: name = r.string(); break;
                case 4: op = r.string(); break;
                case 5: attributes.add(attribute(r.message())); break;
                case 7: domain = r.string(); break;
                default: r.skip();
            }
        }
        return new OnnxModel.Node(name, op, domain, inputs, outputs, attributes);
    }

    private static OnnxModel.Attribute attribute(ProtoReader r) throws DataException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        OnnxModel.TensorData t = null;
        ProtoReader.FloatList floats = new ProtoReader.FloatList();
        ProtoReader.LongList ints = new ProtoReader.LongList();
        boolean graph = false;
        while (r.next()) {
            switch (r.field()) {
                case 1: name = r.string(); break;
                case 2: f = r.float32(); break;
                case 3: i = r.varint(); break;
                case 4: s = r.bytes(); break;
                case 5: t = tensor(r.message()); break;
                case 6: r.skip(); graph = true; break;
                case 7: r.floats(floats); break;
                case 8: r.varints(ints); break;
                case 20: type = r.int32(); break;
                default: r.skip();
            }
        }
        if (type == 0) {
            // IR version 1 files carry no type: it is the field that is set
            type = t != null ? OnnxModel.ATTR_TENSOR : graph ? OnnxModel.ATTR_GRAPH : s != null ? OnnxModel.ATTR_STRING
                    : floats.size() > 0 ? OnnxModel.ATTR_FLOATS : ints.size() > 0 ? OnnxModel.ATTR_INTS
                    : f != 0 ? OnnxModel.ATTR_FLOAT : OnnxModel.ATTR_INT;
        }
        return new OnnxModel.Attribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
    }

    private static OnnxModel.ValueInfo valueInfo(ProtoReader r) throws DataException {
        String name = "";
        int elemType = 0;
        List<OnnxModel.Dim> shape = null;
        while (r.next()) {
            if (r.field() == 1) {
                name = r.string();
            } else if (r.field() == 2) {
                ProtoReader type = r.message();
                while (type.next()) {
                    if (type.field() != 1) {
                        type.skip();
                        continue;
                    }
                    ProtoReader tensor = type.message();
                    while (tensor.next()) {
                        if (tensor.field() == 1) {
                            elemType = tensor.int32();
                        } else if (tensor.field() == 2) {
                            shape = shape(tensor.message());
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                r.skip();
            }
        }
        return new OnnxModel.ValueInfo(name, elemType, shape);
    }

    private static List<OnnxModel.Dim> shape(ProtoReader r) throws DataException {
        List<OnnxModel.Dim> dims = new ArrayList<>();
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            ProtoReader d = r.message();
            OnnxModel.Dim dim = OnnxModel.Dim.symbolic("");
            while (d.next()) {
                if (d.field() == 1) {
                    int at = d.offset();
                    long v = d.varint();
                    if (v < 0) {
                        throw d.error(at, "a dimension >= 0, got " + v);
                    }
                    dim = OnnxModel.Dim.of(v);
                } else if (d.field() == 2) {
                    dim = OnnxModel.Dim.symbolic(d.string());
                } else {
                    d.skip();
                }
            }
            dims.add(dim);
        }
        return dims;
    }

    /** A TensorProto; values checked against the dimensions before any array of that size exists. */
    private static OnnxModel.TensorData tensor(ProtoReader r) throws DataException {
        ProtoReader.LongList dims = new ProtoReader.LongList();
        int type = 0;
        String name = "";
        byte[] raw = null;
        ProtoReader.FloatList floats = new ProtoReader.FloatList();
        ProtoReader.DoubleList doubles = new ProtoReader.DoubleList();
        ProtoReader.LongList longs = new ProtoReader.LongList();
        int dataLocation = 0;
        String location = null;
        boolean segment = false;
        int start = -1;
        while (r.next()) {
            if (start < 0) start = r.offset();
            switch (r.field()) {
                case 1: r.varints(dims); break;
                case 2: type = r.int32(); break;
                case 3: r.skip(); segment = true; break;
                case 4: r.floats(floats); break;
                case 5: case 7: r.varints(longs); break;
                case 8: name = r.string(); break;
                case 9: raw = r.bytes(); break;
                case 10: r.doubles(doubles); break;
                case 13: {
                    String[] kv = keyValue(r.message());
                    if (kv[0].equals("location")) location = kv[1];
                    break;
                }
                case 14: dataLocation = r.int32(); break;
                default: r.skip();
            }
        }
        long[] shape = dims.toArray();
        String what = r.source() + ": tensor '" + name + "'";
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new DataException(what + ": dimensions must be >= 0, got " + java.util.Arrays.toString(shape));
            }
            if (d != 0 && count > MAX_BYTES / d) {
                throw new DataException(what + ": dimensions " + java.util.Arrays.toString(shape)
                        + " make more than 2^31 elements");
            }
            count *= d;
        }
        if (dataLocation == 1 || location != null) {
            return new OnnxModel.TensorData(name, type, shape, null, null, null, location == null ? "" : location);
        }
        if (segment) {
            throw new DataException(what + ": a segmented tensor (TensorProto.segment); expected the whole tensor");
        }
        int typed = floats.size() + doubles.size() + longs.size();
        if (raw != null && typed > 0) {
            throw new DataException(what + ": values both in raw_data and in a typed field; expected one of them");
        }
        int width;
        switch (type) {
            case OnnxModel.FLOAT: case OnnxModel.INT32: width = 4; break;
            case OnnxModel.DOUBLE: case OnnxModel.INT64: width = 8; break;
            default: return new OnnxModel.TensorData(name, type, shape, null, null, null, null);
        }
        int n = (int) count;
        if (raw != null) {
            if (raw.length != count * width) {
                throw new DataException(what + ": " + OnnxModel.typeName(type) + " " + java.util.Arrays.toString(shape)
                        + " needs " + count * width + " bytes of raw_data, got " + raw.length);
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case OnnxModel.FLOAT: {
                    float[] v = new float[n];
                    b.asFloatBuffer().get(v);
                    return new OnnxModel.TensorData(name, type, shape, v, null, null, null);
                }
                case OnnxModel.DOUBLE: {
                    double[] v = new double[n];
                    b.asDoubleBuffer().get(v);
                    return new OnnxModel.TensorData(name, type, shape, null, v, null, null);
                }
                case OnnxModel.INT64: {
                    long[] v = new long[n];
                    b.asLongBuffer().get(v);
                    return new OnnxModel.TensorData(name, type, shape, null, null, v, null);
                }
                default: {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) v[i] = b.getInt(4 * i);
                    return new OnnxModel.TensorData(name, type, shape, null, null, v, null);
                }
            }
        }
        int got = type == OnnxModel.FLOAT ? floats.size() : type == OnnxModel.DOUBLE ? doubles.size() : longs.size();
        if (got != count || typed != got) {
            String field = type == OnnxModel.FLOAT ? "float_data" : type == OnnxModel.DOUBLE ? "double_data"
                    : type == OnnxModel.INT64 ? "int64_data" : "int32_data";
            throw new DataException(what + ": " + OnnxModel.typeName(type) + " " + java.util.Arrays.toString(shape)
                    + " needs " + count + " values in " + field + " (or raw_data), got " + got
                    + (typed != got ? " and " + (typed - got) + " in another typed field" : ""));
        }
        switch (type) {
            case OnnxModel.FLOAT: return new OnnxModel.TensorData(name, type, shape, floats.toArray(), null, null, null);
            case OnnxModel.DOUBLE: return new OnnxModel.TensorData(name, type, shape, null, doubles.toArray(), null, null);
            default: return new OnnxModel.TensorData(name, type, shape, null, null, longs.toArray(), null);
        }
    }

    // ---- writing ----

    private static ProtoWriter model(OnnxModel m) {
        ProtoWriter w = new ProtoWriter().varint(1, m.irVersion());
        if (!m.producerName().isEmpty()) w.string(2, m.producerName());
        if (!m.producerVersion().isEmpty()) w.string(3, m.producerVersion());
        if (m.graph() != null) w.message(7, graph(m.graph()));
        for (Map.Entry<String, Long> e : m.opsets().entrySet()) {
            w.message(8, new ProtoWriter().string(1, e.getKey()).varint(2, e.getValue()));
        }
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
            w.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
        }
        return w;
    }

    private static ProtoWriter graph(OnnxModel.Graph g) {
        ProtoWriter w = new ProtoWriter();
        for (OnnxModel.Node n : g.nodes()) w.message(1, node(n));
        w.string(2, g.name());
        for (OnnxModel.TensorData t : g.initializers()) w.message(5, tensor(t));
        if (!g.docString().isEmpty()) w.string(10, g.docString());
        for (OnnxModel.ValueInfo v : g.inputs()) w.message(11, valueInfo(v));
        for (OnnxModel.ValueInfo v : g.outputs()) w.message(12, valueInfo(v));
        return w;
    }

    private static ProtoWriter node(OnnxModel.Node n) {
        ProtoWriter w = new ProtoWriter();
        for (String in : n.inputs()) w.string(1, in);
        for (String out : n.outputs()) w.string(2, out);
        if (!n.name().isEmpty()) w.string(3, n.name());
        w.string(4, n.opType());
        for (OnnxModel.Attribute a : n.attributes()) w.message(5, attribute(a));
        if (!n.domain().isEmpty()) w.string(7, n.domain());
        return w;
    }

    private static ProtoWriter attribute(OnnxModel.Attribute a) {
        ProtoWriter w = new ProtoWriter().string(1, a.name());
        switch (a.type()) {
            case OnnxModel.ATTR_FLOAT: w.float32(2, a.f()); break;
            case OnnxModel.ATTR_INT: w.varint(3, a.i()); break;
            case OnnxModel.ATTR_STRING: w.bytes(4, a.s()); break;
            case OnnxModel.ATTR_TENSOR: w.message(5, tensor(a.t())); break;
            case OnnxModel.ATTR_INTS: w.packedVarints(8, a.ints()); break;
            case OnnxModel.ATTR_FLOATS: {
                ByteBuffer b = ByteBuffer.allocate(4 * a.floats().length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : a.floats()) b.putFloat(f);
                w.bytes(7, b.array());
                break;
            }
            default: throw new IllegalArgumentException("attribute " + a.name() + ": cannot write attribute type " + a.type());
        }
        return w.varint(20, a.type());
    }

    private static ProtoWriter tensor(OnnxModel.TensorData t) {
        ProtoWriter w = new ProtoWriter().packedVarints(1, t.dims()).varint(2, t.dataType());
        w.string(8, t.name());
        if (t.externalLocation() != null) {
            // a reference to data in another file, as onnx.save_model(save_as_external_data=True) writes it
            w.message(13, new ProtoWriter().string(1, "location").string(2, t.externalLocation()));
            return w.varint(14, 1);
        }
        if (!t.hasValues()) {
            throw new IllegalArgumentException("tensor " + t + ": only FLOAT, DOUBLE, INT32 and INT64 tensors with their values can be written");
        }
        ByteBuffer b;
        if (t.floats() != null) {
            b = ByteBuffer.allocate(4 * t.floats().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.floats());
        } else if (t.doubles() != null) {
            b = ByteBuffer.allocate(8 * t.doubles().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(t.doubles());
        } else if (t.dataType() == OnnxModel.INT32) {
            b = ByteBuffer.allocate(4 * t.longs().length).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : t.longs()) b.putInt((int) v);
        } else {
            b = ByteBuffer.allocate(8 * t.longs().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(t.longs());
        }
        return w.bytes(9, b.array());
    }

    private static ProtoWriter valueInfo(OnnxModel.ValueInfo v) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, v.elemType());
        if (v.shape() != null) {
            ProtoWriter shape = new ProtoWriter();
            for (OnnxModel.Dim d : v.shape()) {
                shape.message(1, d.value() >= 0 ? new ProtoWriter().varint(1, d.value())
                        : new ProtoWriter().string(2, d.param()));
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, v.name()).message(2, new ProtoWriter().message(1, tensorType));
    }
}
