package dev.vecnn.infer;

import dev.vecnn.io.DataException;
import dev.vecnn.io.OnnxModel;
import dev.vecnn.io.OnnxModel.Attribute;
import dev.vecnn.io.OnnxModel.Dim;
import dev.vecnn.io.OnnxModel.Node;
import dev.vecnn.io.OnnxModel.TensorData;
import dev.vecnn.io.OnnxModel.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX graph as a chain of layer steps, node by node ({@link OnnxLayers} then checks the
 * steps make a net vecnn's engine runs and builds the model). The graph must have one data input
 * of FLOAT or DOUBLE elements, shaped (batch, features) or (batch, c, h, w), and one output; every
 * node but {@code Constant} must take the previous node's output and constants (initializers or
 * {@code Constant} outputs) only. Read, in the default domain, opsets {@value #MIN_OPSET} to
 * {@value #MAX_OPSET}:
 * <ul>
 *   <li>{@code Gemm} ({@code transA = 0}; {@code transB}, {@code alpha}, {@code beta} and a bias
 *       {@code C} of shape (), (1,), (out,) or (1, out) are folded into {@code W} (in, out) and
 *       {@code b}), {@code MatMul} by a constant (in, out) matrix, and an {@code Add} of a constant
 *       right after it (its bias);</li>
 *   <li>{@code BatchNormalization} (inference mode) and {@code LayerNormalization} (over the last
 *       axis) with constant parameters; {@code Relu}; a {@code Mul} by one constant after a Relu
 *       (vanilla dropout's keep probability);</li>
 *   <li>{@code Flatten} (axis 1) and {@code Reshape} to (batch, features), at the start;
 *       a {@code Sub} of a constant there (the mean image); {@code Dropout} (inference: the
 *       identity) and {@code Identity} anywhere; {@code Softmax} over the classes at the end (the
 *       model's scores are then the values before it).</li>
 * </ul>
 * Anything else is refused with a {@link DataException}: one line naming the source, the node and
 * its op, and what vecnn would need. Nothing is approximated.
 */
final class OnnxImport {
    static final int MIN_OPSET = 9;
    static final int MAX_OPSET = 23;

    /** One step of the chain, from node {@code where} ("node 'name' (Op)"). */
    static final class Step {
        enum Kind { LINEAR, BATCHNORM, LAYERNORM, RELU, SCALE, SOFTMAX }

        final Kind kind;
        final String where;
        double[] w;        // LINEAR: (in, out) row-major
        int in;
        int out;
        double[] b;        // LINEAR bias (zeros until an Add sets it); norms: beta
        boolean hasBias;
        double[] gamma;
        double[] mean;
        double[] var;
        double eps;
        double scale;      // SCALE

        Step(Kind kind, String where) {
            this.kind = kind;
            this.where = where;
        }
    }

    /** What the walk found: the steps, the input's precision and width, and an optional mean image. */
    static final class Chain {
        final List<Step> steps = new ArrayList<>();
        boolean float64;
        int inputDim;
        /** The Sub's constant: inputDim values, or one for every feature (expanded once the weights back the width). */
        TensorData meanImage;
    }

    private final String source;
    private final Map<String, TensorData> constants = new HashMap<>();
    private final Set<String> unusable = new HashSet<>();
    private final Chain chain = new Chain();
    private String cur;
    private long[] features;     // the current value's dimensions after the batch dimension
    private long batch;          // the input's batch dimension when the graph fixes it, else -1
    private int opset;

    private OnnxImport(String source) {
        this.source = source;
    }

    /** The model in {@code m}, read from {@code source}. */
    static InferenceModel toModel(OnnxModel m, String source) throws DataException {
        OnnxImport walk = new OnnxImport(source);
        walk.read(m);
        InferenceModel model = OnnxLayers.build(walk.chain, m.metadata(), source);
        String names = m.metadata() == null ? null : m.metadata().get(OnnxExport.CLASS_NAMES_KEY);
        if (names == null) {
            return model;
        }
        try { // the class names vecnn exports (metadata_props), checked as a model file's are
            return model.withClassNames(dev.vecnn.model.ClassNames.decode(
                    names.getBytes(java.nio.charset.StandardCharsets.UTF_8), model.numClasses()));
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": metadata_props " + OnnxExport.CLASS_NAMES_KEY + ": " + e.getMessage(), e);
        }
    }

    private void read(OnnxModel m) throws DataException {
        if (m.graph() == null) {
            throw fail("the file has no graph (ModelProto.graph); expected an ONNX model");
        }
        Long version = m.opsets().containsKey("") ? m.opsets().get("") : m.opsets().get("ai.onnx");
        if (version == null) {
            throw fail("no opset_import for the default ONNX domain; expected opset " + MIN_OPSET + " to " + MAX_OPSET);
        }
        if (version < MIN_OPSET || version > MAX_OPSET) {
            throw fail("opset " + version + "; vecnn reads opsets " + MIN_OPSET + " to " + MAX_OPSET);
        }
        opset = (int) (long) version;
        OnnxModel.Graph g = m.graph();
        for (TensorData t : g.initializers()) {
            if (t.externalLocation() != null) {
                throw fail("initializer '" + t.name() + "' keeps its values in an external file ('" + t.externalLocation()
                        + "'); vecnn reads self-contained .onnx files: save with onnx.save_model(model, path, "
                        + "save_as_external_data=False)");
            }
            constants.put(t.name(), t);
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo v : g.inputs()) {
            if (!constants.containsKey(v.name())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw fail("the graph has " + inputs.size() + " inputs besides its initializers " + names(inputs)
                    + "; expected one, the batch of examples");
        }
        if (g.outputs().size() != 1) {
            throw fail("the graph has " + g.outputs().size() + " outputs " + names(g.outputs())
                    + "; expected one, the class scores or probabilities");
        }
        input(inputs.get(0));
        for (Node n : g.nodes()) {
            node(n);
        }
        String output = g.outputs().get(0).name();
        if (!output.equals(cur)) {
            throw fail("the graph's output '" + output + "' is not the end of the chain of nodes ('" + cur + "')");
        }
        if (features.length != 1) {
            throw fail("the output '" + output + "' has shape " + shape(features) + " per example; expected a vector of class scores");
        }
    }

    private void input(ValueInfo v) throws DataException {
        if (v.elemType() != OnnxModel.FLOAT && v.elemType() != OnnxModel.DOUBLE) {
            throw fail("input '" + v.name() + "' has elements of type " + OnnxModel.typeName(v.elemType())
                    + "; expected FLOAT or DOUBLE");
        }
        if (v.shape() == null || v.shape().size() < 2) {
            throw fail("input '" + v.name() + "' has shape " + (v.shape() == null ? "(not given)" : v.shape())
                    + "; expected (batch, features) or (batch, channels, height, width)");
        }
        batch = v.shape().get(0).value();
        features = new long[v.shape().size() - 1];
        long count = 1;
        for (int i = 1; i < v.shape().size(); i++) {
            Dim d = v.shape().get(i);
            if (d.value() < 1) {
                throw fail("input '" + v.name() + "' has shape " + v.shape() + "; expected every dimension but the batch's "
                        + "to be a number >= 1");
            }
            features[i - 1] = d.value();
            count *= d.value();
            if (count > Integer.MAX_VALUE) {
                throw fail("input '" + v.name() + "' has shape " + v.shape() + ": more than 2^31 features per example");
            }
        }
        chain.float64 = v.elemType() == OnnxModel.DOUBLE;
        chain.inputDim = (int) count;
        cur = v.name();
    }

    // ---- nodes ----

    private void node(Node n) throws DataException {
        String where = "node " + n.label() + " (" + n.opType() + ")";
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
            throw fail(where + " is in domain '" + n.domain() + "'; vecnn reads ONNX's own operators only");
        }
        if (n.opType().equals("Constant")) {
            constant(n, where);
            return;
        }
        if (n.outputs().isEmpty() || n.outputs().get(0).isEmpty()) {
            throw fail(where + " has no output");
        }
        if (!n.inputs().contains(cur)) {
            throw fail(where + " does not take '" + cur + "', the output of the node before it; vecnn imports one "
                    + "chain of layers");
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !in.equals(cur) && !constants.containsKey(in)) {
                throw fail(where + " takes '" + in + "', which is " + (unusable.contains(in)
                        ? "a side output of an earlier node" : "neither the chain's value nor a constant")
                        + "; vecnn imports one chain of layers");
            }
        }
        if (n.inputs().indexOf(cur) != n.inputs().lastIndexOf(cur)) {
            throw fail(where + " takes '" + cur + "' twice; vecnn reads it as a layer of one input");
        }
        switch (n.opType()) {
            case "Identity": break;
            case "Dropout": dropout(n, where); break;
            case "Flatten": flatten(n, where); break;
            case "Reshape": reshape(n, where); break;
            case "Sub": sub(n, where); break;
            case "Gemm": gemm(n, where); break;
            case "MatMul": matMul(n, where); break;
            case "Add": add(n, where); break;
            case "BatchNormalization": batchNorm(n, where); break;
            case "LayerNormalization": layerNorm(n, where); break;
            case "Relu": add(new Step(Step.Kind.RELU, where)); break;
            case "Mul": mul(n, where); break;
            case "Softmax": softmax(n, where); break;
            default:
                throw fail("unsupported op " + n.opType() + " in " + where + "; vecnn reads MLP graphs of Gemm, MatMul + "
                        + "Add, Relu, BatchNormalization, LayerNormalization, Flatten, Reshape, Sub, Mul, Dropout, "
                        + "Identity and Softmax");
        }
        for (int i = 1; i < n.outputs().size(); i++) {
            unusable.add(n.outputs().get(i));
        }
        cur = n.outputs().get(0);
    }

    private void constant(Node n, String where) throws DataException {
        if (n.outputs().size() != 1 || n.attributes().size() != 1) {
            throw fail(where + ": expected one output and one attribute (value)");
        }
        Attribute a = n.attributes().get(0);
        String out = n.outputs().get(0);
        TensorData t;
        switch (a.name()) {
            case "value": t = a.t(); break;
            case "value_float": t = TensorData.of(out, new float[] {a.f()}); break;
            case "value_floats": t = TensorData.of(out, a.floats(), a.floats().length); break;
            case "value_int": t = TensorData.ofLongs(out, new long[] {a.i()}); break;
            case "value_ints": t = TensorData.ofLongs(out, a.ints(), a.ints().length); break;
            default: throw fail(where + " has attribute '" + a.name() + "'; vecnn reads value, value_float(s) and value_int(s)");
        }
        if (t == null) {
            throw fail(where + ": attribute 'value' holds no tensor");
        }
        if (t.externalLocation() != null) {
            throw fail(where + " keeps its value in an external file ('" + t.externalLocation() + "')");
        }
        constants.put(out, t);
    }

    private void dropout(Node n, String where) throws DataException {
        if (n.inputs().size() >= 3 && !n.inputs().get(2).isEmpty()) {
            TensorData mode = constants.get(n.inputs().get(2));
            if (mode == null || !mode.hasValues() || mode.size() != 1 || mode.get(0) != 0) {
                throw fail(where + ": training_mode must be absent or a constant false; dropout at inference is the identity");
            }
        }
        Attribute isTest = n.attribute("is_test");
        if (isTest != null && isTest.i() == 0) {
            throw fail(where + ": is_test = 0 (training); dropout at inference is the identity");
        }
        requireData(n, where, 0);
    }

    private void flatten(Node n, String where) throws DataException {
        requireData(n, where, 0);
        long axis = intAttribute(n, "axis", 1);
        if (axis < 0) {
            axis += features.length + 1;
        }
        if (axis != 1) {
            throw fail(where + ": axis " + intAttribute(n, "axis", 1) + " would mix examples of the batch; expected axis 1");
        }
        features = new long[] {product(features)};
    }

    private void reshape(Node n, String where) throws DataException {
        requireData(n, where, 0);
        TensorData shape = constant(n, where, 1, "shape");
        if (shape.longs() == null) {
            throw fail(where + ": shape must be an INT64 constant, got " + OnnxModel.typeName(shape.dataType()));
        }
        long[] s = shape.longs();
        long perExample = product(features);
        boolean zeroIsCopy = intAttribute(n, "allowzero", 0) == 0;
        boolean batchFirst = s.length == 2 && (s[0] == -1 || (s[0] == 0 && zeroIsCopy) || (batch >= 1 && s[0] == batch));
        boolean rowWidth = s.length == 2 && (s[1] == perExample || (s[1] == -1 && s[0] != -1));
        if (!batchFirst || !rowWidth) {
            throw fail(where + ": shape " + Arrays.toString(s) + " from " + shape(features) + " per example; vecnn reads a "
                    + "Reshape to (batch, " + perExample + "): [-1, " + perExample + "], [0, -1] or [0, " + perExample + "]"
                    + (batch >= 1 ? " or [" + batch + ", " + perExample + "]" : ""));
        }
        features = new long[] {perExample};
    }

    private void sub(Node n, String where) throws DataException {
        requireData(n, where, 0);
        if (!chain.steps.isEmpty() || chain.meanImage != null) {
            throw fail(where + ": vecnn reads Sub only as the mean image subtracted from the input, before the first layer");
        }
        TensorData mean = floatConstant(n, where, 1, "the mean image");
        long[] meanDims = stripLeadingOnes(mean.dims());
        if (mean.size() != 1 && !Arrays.equals(meanDims, stripLeadingOnes(features))) {
            throw fail(where + ": subtracts a constant of shape " + Arrays.toString(mean.dims()) + " from examples of shape "
                    + shape(features) + "; vecnn reads a whole mean image (one value per feature) or one number");
        }
        chain.meanImage = mean;
    }

    private void gemm(Node n, String where) throws DataException {
        if (n.inputs().indexOf(cur) != 0) {
            throw fail(where + ": the activations are input B; vecnn reads a Gemm of the activations (A) by a constant (B)");
        }
        if (intAttribute(n, "transA", 0) != 0) {
            throw fail(where + ": transA = 1 on the activations (their batch dimension would become the inner one); "
                    + "expected transA = 0");
        }
        requireRows(where);
        boolean transB = intAttribute(n, "transB", 0) != 0;
        double alpha = floatAttribute(n, "alpha", 1);
        double beta = floatAttribute(n, "beta", 1);
        TensorData bt = floatConstant(n, where, 1, "B");
        if (bt.dims().length != 2) {
            throw fail(where + ": B has shape " + Arrays.toString(bt.dims()) + "; expected a matrix");
        }
        Step s = linear(where, bt, transB, alpha);
        if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
            TensorData c = floatConstant(n, where, 2, "C");
            long[] d = c.dims();
            boolean vector = c.size() == 1 || (c.size() == s.out && (d.length == 1 || (d.length == 2 && d[0] == 1)));
            if (!vector) {
                throw fail(where + ": C has shape " + Arrays.toString(d) + "; expected a bias of shape (" + s.out + ",) or (1, "
                        + s.out + ")");
            }
            for (int j = 0; j < s.out; j++) {
                s.b[j] = beta * c.get(c.size() == 1 ? 0 : j);
            }
            s.hasBias = true;
        }
        add(s);
        features = new long[] {s.out};
    }

    private void matMul(Node n, String where) throws DataException {
        if (n.inputs().indexOf(cur) != 0) {
            throw fail(where + ": the activations are the second factor; vecnn reads activations (A) times a constant matrix");
        }
        requireRows(where);
        TensorData bt = floatConstant(n, where, 1, "B");
        if (bt.dims().length != 2) {
            throw fail(where + ": B has shape " + Arrays.toString(bt.dims()) + "; expected a matrix (in, out)");
        }
        Step s = linear(where, bt, false, 1);
        add(s);
        features = new long[] {s.out};
    }

    /** A LINEAR step from matrix {@code bt} (transposed when {@code trans}) times alpha; zero bias. */
    private Step linear(String where, TensorData bt, boolean trans, double alpha) throws DataException {
        int rows = (int) bt.dims()[0];
        int cols = (int) bt.dims()[1];
        int in = trans ? cols : rows;
        int out = trans ? rows : cols;
        if (in != features[0]) {
            throw fail(where + ": the weights have shape " + Arrays.toString(bt.dims()) + (trans ? " (transB = 1)" : "")
                    + ", so " + in + " inputs; the value before has " + features[0] + " features");
        }
        Step s = new Step(Step.Kind.LINEAR, where);
        s.in = in;
        s.out = out;
        s.w = new double[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double v = trans ? bt.get(j * cols + i) : bt.get(i * cols + j);
                s.w[i * out + j] = alpha == 1 ? v : alpha * v;
            }
        }
        s.b = new double[out];
        return s;
    }

    private void add(Node n, String where) throws DataException {
        Step last = chain.steps.isEmpty() ? null : chain.steps.get(chain.steps.size() - 1);
        if (last == null || last.kind != Step.Kind.LINEAR || last.hasBias) {
            throw fail(where + ": vecnn reads Add only as the bias right after a MatMul (or a Gemm without C)");
        }
        int other = n.inputs().indexOf(cur) == 0 ? 1 : 0;
        if (n.inputs().size() != 2) {
            throw fail(where + ": expected two inputs");
        }
        TensorData c = floatConstant(n, where, other, "the bias");
        long[] d = c.dims();
        boolean vector = c.size() == 1 || (c.size() == last.out && (d.length == 1 || (d.length == 2 && d[0] == 1)));
        if (!vector) {
            throw fail(where + ": adds a constant of shape " + Arrays.toString(d) + "; expected a bias of shape ("
                    + last.out + ",) or (1, " + last.out + ")");
        }
        for (int j = 0; j < last.out; j++) {
            last.b[j] = c.get(c.size() == 1 ? 0 : j);
        }
        last.hasBias = true;
    }

    private void batchNorm(Node n, String where) throws DataException {
        requireData(n, where, 0);
        requireRows(where);
        if (intAttribute(n, "training_mode", 0) != 0) {
            throw fail(where + ": training_mode = 1; expected inference mode (running statistics)");
        }
        for (int i = 1; i < n.outputs().size(); i++) {
            if (!n.outputs().get(i).isEmpty()) {
                throw fail(where + " has training outputs (" + n.outputs() + "); expected one output, inference mode");
            }
        }
        Step s = new Step(Step.Kind.BATCHNORM, where);
        s.gamma = vector(n, where, 1, "scale");
        s.b = vector(n, where, 2, "B");
        s.mean = vector(n, where, 3, "mean");
        s.var = vector(n, where, 4, "var");
        s.eps = epsilon(n, where);
        for (int j = 0; j < s.var.length; j++) {
            if (!(s.var[j] >= 0)) {
                throw fail(where + ": var[" + j + "] is " + s.var[j] + "; variances must be >= 0");
            }
        }
        add(s);
    }

    private void layerNorm(Node n, String where) throws DataException {
        requireData(n, where, 0);
        requireRows(where);
        long axis = intAttribute(n, "axis", -1);
        if (axis != -1 && axis != 1) {
            throw fail(where + ": axis " + axis + "; expected the last axis (-1 or 1 for (batch, features))");
        }
        Step s = new Step(Step.Kind.LAYERNORM, where);
        s.gamma = vector(n, where, 1, "Scale");
        s.b = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty() ? vector(n, where, 2, "B") : new double[(int) features[0]];
        s.eps = epsilon(n, where);
        add(s);
    }

    private void mul(Node n, String where) throws DataException {
        int other = n.inputs().indexOf(cur) == 0 ? 1 : 0;
        if (n.inputs().size() != 2) {
            throw fail(where + ": expected two inputs");
        }
        TensorData c = floatConstant(n, where, other, "the factor");
        if (c.size() != 1) {
            throw fail(where + ": multiplies by a constant of shape " + Arrays.toString(c.dims())
                    + "; vecnn reads Mul by one number (vanilla dropout's keep probability) only");
        }
        Step s = new Step(Step.Kind.SCALE, where);
        s.scale = c.get(0);
        add(s);
    }

    private void softmax(Node n, String where) throws DataException {
        requireData(n, where, 0);
        requireRows(where);
        long axis = intAttribute(n, "axis", opset < 13 ? 1 : -1);
        if (axis != -1 && axis != 1) {
            throw fail(where + ": axis " + axis + "; expected the class axis (-1 or 1)");
        }
        add(new Step(Step.Kind.SOFTMAX, where));
    }

    // ---- helpers ----

    private void add(Step s) {
        chain.steps.add(s);
    }

    /** The node's data input must be input {@code index}, the others constants (checked by the caller). */
    private void requireData(Node n, String where, int index) throws DataException {
        if (n.inputs().indexOf(cur) != index) {
            throw fail(where + ": takes the activations as input " + n.inputs().indexOf(cur) + "; expected input " + index);
        }
    }

    private void requireRows(String where) throws DataException {
        if (features.length != 1) {
            throw fail(where + " gets examples of shape " + shape(features) + "; expected (batch, features) rows: "
                    + "a Flatten or Reshape before it");
        }
    }

    private TensorData constant(Node n, String where, int index, String what) throws DataException {
        if (n.inputs().size() <= index || n.inputs().get(index).isEmpty()) {
            throw fail(where + ": " + what + " (input " + index + ") is missing");
        }
        TensorData t = constants.get(n.inputs().get(index));
        if (t == null) {
            throw fail(where + ": " + what + " ('" + n.inputs().get(index) + "') is not a constant");
        }
        return t;
    }

    /** A FLOAT or DOUBLE constant matching the input's type, finite. */
    private TensorData floatConstant(Node n, String where, int index, String what) throws DataException {
        TensorData t = constant(n, where, index, what);
        int want = chain.float64 ? OnnxModel.DOUBLE : OnnxModel.FLOAT;
        if (t.dataType() != want) {
            throw fail(where + ": " + what + " " + t + " is " + OnnxModel.typeName(t.dataType()) + "; expected "
                    + OnnxModel.typeName(want) + " like the input");
        }
        for (int i = 0; i < t.size(); i++) {
            if (!Double.isFinite(t.get(i))) {
                throw fail(where + ": " + what + " " + t + " holds " + t.get(i) + " at flat index " + i + "; expected finite values");
            }
        }
        return t;
    }

    /** A FLOAT/DOUBLE constant of one value per feature. */
    private double[] vector(Node n, String where, int index, String what) throws DataException {
        TensorData t = floatConstant(n, where, index, what);
        if (t.size() != features[0] || stripLeadingOnes(t.dims()).length > 1) {
            throw fail(where + ": " + what + " " + t + "; expected " + features[0] + " values, one per feature");
        }
        double[] v = new double[(int) t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.get(i);
        }
        return v;
    }

    private static long intAttribute(Node n, String name, long otherwise) {
        Attribute a = n.attribute(name);
        return a == null ? otherwise : a.i();
    }

    private static double floatAttribute(Node n, String name, float otherwise) {
        Attribute a = n.attribute(name);
        return a == null ? otherwise : a.f();
    }

    /**
     * The node's epsilon (default 1e-5): ONNX stores a float; the value taken is the shortest decimal
     * that rounds to it (1e-5 for 9.99999975e-06), the number the model was made with, so a vecnn
     * net exported and read back computes with its own eps.
     */
    private double epsilon(Node n, String where) throws DataException {
        Attribute a = n.attribute("epsilon");
        if (a == null) {
            return 1e-5;
        }
        if (!(a.f() > 0) || Float.isInfinite(a.f())) {
            throw fail(where + ": epsilon is " + a.f() + "; expected a finite number > 0");
        }
        return Double.parseDouble(Float.toString(a.f()));
    }

    private static long product(long[] dims) {
        long p = 1;
        for (long d : dims) {
            p *= d;
        }
        return p;
    }

    private static long[] stripLeadingOnes(long[] dims) {
        int i = 0;
        while (i < dims.length && dims[i] == 1) {
            i++;
        }
        return Arrays.copyOfRange(dims, i, dims.length);
    }

    private static String shape(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String names(List<ValueInfo> values) {
        List<String> names = new ArrayList<>();
        for (ValueInfo v : values) {
            names.add("'" + v.name() + "'");
        }
        return names.toString();
    }

    private DataException fail(String message) {
        return new DataException(source + ": " + message);
    }
}
