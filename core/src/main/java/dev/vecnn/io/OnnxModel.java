package dev.vecnn.io;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The part of an ONNX model ({@code onnx.proto}'s {@code ModelProto}) that a fully connected net
 * needs, as plain values: the IR version, the operator sets, who produced it, free-form metadata
 * ({@code metadata_props}) and one graph of nodes over named tensors. {@link Onnx} reads and
 * writes it; fields outside this subset are skipped on reading (a graph attribute, sparse
 * initializers, value_info, training info, local functions), never misread.
 *
 * @param irVersion       {@code ir_version} (8 for opset 17)
 * @param opsets          {@code opset_import}: domain ({@code ""} is the default ONNX domain) to version
 * @param producerName    {@code producer_name} ({@code ""} when absent)
 * @param producerVersion {@code producer_version}
 * @param graph           the graph ({@code null} when the file has none)
 * @param metadata        {@code metadata_props}, key to value, in file order
 */
public record OnnxModel(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
                        Graph graph, Map<String, String> metadata) {

    /** ONNX's {@code TensorProto.DataType} values this package reads the data of. */
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    /** ONNX's {@code AttributeProto.AttributeType} values. */
    public static final int ATTR_FLOAT = 1;
    public static final int ATTR_INT = 2;
    public static final int ATTR_STRING = 3;
    public static final int ATTR_TENSOR = 4;
    public static final int ATTR_GRAPH = 5;
    public static final int ATTR_FLOATS = 6;
    public static final int ATTR_INTS = 7;

    /** ONNX's name of a {@code TensorProto.DataType} ({@code "FLOAT16"}, ...), or its number when unknown. */
    public static String typeName(int dataType) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
            "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};
        return dataType >= 0 && dataType < names.length ? names[dataType] : "data type " + dataType;
    }

    /**
     * A graph: nodes in topological order, initializers (the constant tensors), and the graph's
     * inputs and outputs.
     */
    public record Graph(String name, List<Node> nodes, List<TensorData> initializers, List<ValueInfo> inputs,
                        List<ValueInfo> outputs, String docString) {
    }

    /** A node: operator {@code opType} of {@code domain} ({@code ""}: ONNX's own) from inputs to outputs. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       List<Attribute> attributes) {
        /** The attribute called {@code name}, or null. */
        public Attribute attribute(String name) {
            for (Attribute a : attributes) {
                if (a.name().equals(name)) {
                    return a;
                }
            }
            return null;
        }

        /** Name for messages: {@code 'name'}, or {@code #index} style when the node has none. */
        public String label() {
            return name.isEmpty() ? "(unnamed " + opType + " node with output '" + (outputs.isEmpty() ? "" : outputs.get(0))
                    + "')" : "'" + name + "'";
        }
    }

    /**
     * A node attribute of {@code type} ({@link #ATTR_FLOAT}, ...): the field that type uses holds
     * the value ({@code f}, {@code i}, {@code s}, {@code t}, {@code floats}, {@code ints}); the others
     * are 0 or null.
     */
    public record Attribute(String name, int type, float f, long i, byte[] s, TensorData t, float[] floats,
                            long[] ints) {
        public static Attribute of(String name, float value) {
            return new Attribute(name, ATTR_FLOAT, value, 0, null, null, null, null);
        }

        public static Attribute of(String name, long value) {
            return new Attribute(name, ATTR_INT, 0, value, null, null, null, null);
        }

        public static Attribute of(String name, TensorData value) {
            return new Attribute(name, ATTR_TENSOR, 0, 0, null, value, null, null);
        }

        public static Attribute of(String name, long[] values) {
            return new Attribute(name, ATTR_INTS, 0, 0, null, null, null, values.clone());
        }
    }

    /**
     * A constant tensor ({@code TensorProto}): its dimensions and, for {@link #FLOAT},
     * {@link #DOUBLE}, {@link #INT64} and {@link #INT32} (read into {@code longs}), its values in
     * row-major order; other data types keep no values (all three arrays null). A tensor whose data
     * lives in another file ({@code data_location: EXTERNAL}) has {@code externalLocation} set and
     * no values.
     */
    public record TensorData(String name, int dataType, long[] dims, float[] floats, double[] doubles, long[] longs,
                             String externalLocation) {
        public static TensorData of(String name, float[] values, long... dims) {
            return new TensorData(name, FLOAT, dims.clone(), values.clone(), null, null, null);
        }

        public static TensorData of(String name, double[] values, long... dims) {
            return new TensorData(name, DOUBLE, dims.clone(), null, values.clone(), null, null);
        }

        public static TensorData ofLongs(String name, long[] values, long... dims) {
            return new TensorData(name, INT64, dims.clone(), null, null, values.clone(), null);
        }

        /** Number of elements (the product of the dimensions). */
        public long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        /** Element {@code i} as a double (FLOAT, DOUBLE or integer data). */
        public double get(int i) {
            return floats != null ? floats[i] : doubles != null ? doubles[i] : longs[i];
        }

        /** True if the values were read (a type this package reads, stored in the file itself). */
        public boolean hasValues() {
            return floats != null || doubles != null || longs != null;
        }

        @Override
        public String toString() {
            return "'" + name + "' " + typeName(dataType) + " " + Arrays.toString(dims);
        }
    }

    /**
     * A graph input or output ({@code ValueInfoProto}) of tensor type: its element type (0 if not
     * a tensor or not given) and shape ({@code null} when not given); a dimension is a number or a
     * name ({@code dim_param}, e.g. a batch size "N", with value -1).
     */
    public record ValueInfo(String name, int elemType, List<Dim> shape) {
    }

    /** One dimension of a {@link ValueInfo}: {@code value} >= 0, or -1 with {@code param} (possibly empty) when symbolic. */
    public record Dim(long value, String param) {
        public static Dim of(long value) {
            return new Dim(value, "");
        }

        public static Dim symbolic(String param) {
            return new Dim(-1, param);
        }

        @Override
        public String toString() {
            return value >= 0 ? Long.toString(value) : param.isEmpty() ? "?" : param;
        }
    }
}
