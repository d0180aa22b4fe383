package dev.vecnn.infer;

import dev.vecnn.tensor.DType;
import dev.vecnn.layers.Normalization;
import dev.vecnn.kernels.Args;
import dev.vecnn.kernels.FiniteCheck;
import dev.vecnn.model.ClassNames;
import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.NetPlan;
import dev.vecnn.model.Workspace;
import dev.vecnn.model.ModelFile;
import dev.vecnn.io.Onnx;
import dev.vecnn.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained fully connected net, frozen for classification: {@code {affine - [batchnorm |
 * layernorm] - relu} x (L-1) - affine}, the assignment's {@code FullyConnectedNet.loss(X)} in
 * test mode. Load one with {@code load} (the library's one way to load a trained model: a vecnn
 * model file, a checkpoint or a numpy {@code .npz}, from a {@link #load(Path) file}, a
 * {@link #load(InputStream, String) stream}, {@link #load(byte[], String) bytes} or a
 * {@link #loadResource(Class, String) class-path resource}), build one from named arrays
 * ({@link #builder()}) or freeze a trained net ({@link #from(FullyConnectedNet)}).
 *
 * <p><b>Results.</b> {@code scores} gives the raw class scores, {@code predict} the best label
 * (neither allocates beyond the array it returns), {@code classify} a {@link Classification}:
 * every class's probability (softmax, float64), the best class and the top k, with their
 * {@link #classNames() names} (from the model file; "0", "1", ... when it has none).
 *
 * <p>It runs on the same engine as training ({@link NetPlan}, in test mode), over private copies
 * of the parameters, so its scores are the bits of the net's own {@code loss(X)}.
 *
 * <p><b>Memory.</b> With the SIMD kernels each float32 weight matrix wider than a panel is
 * held more than once: as given, and copied once at build time into column panels
 * ({@link dev.vecnn.kernels.SkinnyPanels}; the same bits). One copy is for batches of 4 and 8
 * rows (panels of two vectors: 16 columns with AVX2, 32 with AVX-512), which such a batch
 * streams contiguously: 5-18% more 4- and 8-row products per second on the seed net's W1
 * (Zen 5, both ISAs). With 16 vector registers (AVX2) a second copy, in 64-column panels, is
 * for a batch of one (6-15% more batch-1 predictions per second, Zen 5 at -XX:UseAVX=2). For
 * the seed net (3072 x 500 x 10, float32) that is 6 MB more with AVX-512 (12 MB of weights
 * instead of 6) and 12 MB more with AVX2 (18 MB); W2 (10 columns) is not copied. Float64
 * models and the scalar fallback copy nothing.
 *
 * <p><b>Thread safety.</b> A model is immutable and meant to be shared: any number of threads may
 * call {@code scores} and {@code predict} at once. Each calling thread gets its own engine
 * workspace (a {@link ThreadLocal} per model, grown on demand to at most {@value #CHUNK_ROWS} rows),
 * so a thread that keeps calling allocates nothing after its first call (the methods that return
 * a new array allocate that array, nothing else). The scratch lives as long as the thread and the
 * model; with many short-lived (e.g. virtual) threads, each pays one allocation. Large layers
 * are multiplied by {@link dev.vecnn.kernels.Gemm} on the library pool ({@code vecnn.threads}):
 * concurrent callers each hand their own tiles to the shared pool (Gemm's packing buffers are per
 * thread too), a call made from a pool worker runs inline, and that parallel path allocates a few
 * hundred bytes of task objects per call (none with {@code -Dvecnn.threads=1}, which is also the
 * better setting when many request threads already keep the cores busy).
 *
 * <p><b>Determinism.</b> An example's scores depend only on the model and that example: the same
 * bits whatever the number of calling threads, the library's thread count
 * ({@code vecnn.threads}), or where the example sits in a batch. Batches are computed in chunks of
 * {@value #CHUNK_ROWS} rows. (SIMD and scalar kernels may differ from each other in the last
 * bits; one JVM uses one of them.)
 *
 * <p><b>Dropout.</b> Inverted dropout (the assignment's) is the identity at test time, so a model
 * trained with it needs nothing; a model trained with vanilla dropout multiplies hidden activations
 * by the keep probability p, see {@link InferenceModelBuilder#dropout}.
 *
 * <p><b>Inputs.</b> An example is a row of {@link #inputDim()} values, flattened the way the net
 * was trained (for CIFAR-10, numpy's (3, 32, 32) order with the mean image subtracted). A batch is
 * {@code batch} such rows back to back. Every value must be finite: a row holding NaN or an
 * infinity is refused with an {@link IllegalArgumentException} naming the row (counted from the
 * first example of the call) and the feature, before anything is computed (the check is one SIMD
 * pass over the input, {@link FiniteCheck}: about 1% of a forward pass). Finite inputs so large
 * that the scores overflow are refused by {@code predict} too, naming the row. {@code predict}
 * then follows {@code np.argmax}: the first largest score.
 */
public final class InferenceModel {
    /** Batches are computed this many rows at a time (bounds the per-thread scratch). */
    public static final int CHUNK_ROWS = 128;

    private final NetPlan plan;
    /** The plan's parameters, for export. */
    private final NetWeights weights;
    private final int[] dims;
    private final DType precision;
    private final Normalization normalization;
    private final DropoutMode dropoutMode;
    private final double keepProb;
    private final ThreadLocal<Workspace> workspaces;
    /** The mean image {@link #predictImage} subtracts (a private copy), or null. */
    private final double[] meanImage;
    /** The class names (checked, unmodifiable), or null when the model has none. */
    private final List<String> classNames;

    InferenceModel(NetPlan plan, NetWeights weights, DropoutMode dropoutMode, double keepProb, double[] meanImage,
                   List<String> classNames) {
        this.plan = plan;
        this.weights = weights;
        this.meanImage = meanImage;
        this.classNames = classNames;
        this.dims = plan.widths();
        this.workspaces = ThreadLocal.withInitial(plan::newWorkspace);
        this.precision = weights.precision();
        this.normalization = weights.normalization();
        this.dropoutMode = dropoutMode;
        this.keepProb = keepProb;
    }

    /** A builder taking the assignment's parameter names (W1, b1, …); see {@link InferenceModelBuilder}. */
    public static InferenceModelBuilder builder() {
        return new InferenceModelBuilder();
    }

    /**
     * Loads the trained model in {@code file}: a vecnn model file ({@link ModelFile}: it says its
     * normalization, dropout and mean image itself), a Solver checkpoint ({@code vecnn train
     * --checkpoint}) or an {@code .npz} numpy wrote with the assignment's parameter names
     * ({@code W1, b1, …, gamma1, beta1, running_mean1, running_var1}); for the last two the
     * normalization is read from the names. Any problem with the file is a
     * {@link dev.vecnn.io.DataException} naming the file and the parameter.
     */
    public static InferenceModel load(Path file) throws IOException {
        return NpzModels.load(file);
    }

    /**
     * {@link #load(Path)} from a stream: reads {@code in} to its end (it is not closed), e.g. a
     * model received over the network. {@code name} names the source in messages.
     */
    public static InferenceModel load(InputStream in, String name) throws IOException {
        Args.notNull("in", in);
        return ModelReader.read(in, name == null ? "(stream)" : name, null, "");
    }

    /** {@link #load(Path)} from the bytes of a model file; {@code name} names them in messages. */
    public static InferenceModel load(byte[] bytes, String name) throws IOException {
        Args.notNull("bytes", bytes);
        return ModelReader.read(new ByteArrayInputStream(bytes), name == null ? "(bytes)" : name, null, "");
    }

    /**
     * {@link #load(Path)} from a resource on the class or module path, found as
     * {@code anchor.getResourceAsStream(name)} finds it: a name starting with '/' from the root,
     * otherwise beside {@code anchor}'s package. An application shipping its model in its jar:
     * {@code InferenceModel.loadResource(MyApp.class, "/model.npz")}.
     *
     * <p>On the module path the resource must be readable by this library: at the root of the
     * jar (no package), or in a package the application's module {@code opens}; otherwise open
     * the stream in your own code and pass it to {@link #load(InputStream, String)}.
     *
     * @throws java.io.FileNotFoundException if there is no such resource
     */
    public static InferenceModel loadResource(Class<?> anchor, String name) throws IOException {
        Args.notNull("anchor", anchor);
        Args.notNull("name", name);
        String where = "resource " + name + " (beside " + anchor.getName() + ")";
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new java.io.FileNotFoundException(where + " not found: a name starting with / is looked up from "
                        + "the root of the class path, others in the package of " + anchor.getName() + "; on the module "
                        + "path the resource must be at the root or in a package its module opens (or pass "
                        + anchor.getSimpleName() + ".class.getResourceAsStream(name) to load(InputStream, name))");
            }
            return ModelReader.read(in, where, null, "");
        }
    }

    /**
     * {@link #load(Path)}, with {@code normalization} (null: read from the names), which must agree
     * with the parameters present.
     */
    public static InferenceModel load(Path file, Normalization normalization) throws IOException {
        return NpzModels.load(file, normalization);
    }

    /**
     * {@link #load(Path, Normalization)} of the parameters named {@code prefix + W1}, …, e.g.
     * prefix {@code "best_"} for a checkpoint's best-validation parameters (running statistics are
     * read unprefixed). A vecnn model file takes no prefix.
     */
    public static InferenceModel load(Path file, Normalization normalization, String prefix) throws IOException {
        return NpzModels.load(file, normalization, prefix);
    }

    /**
     * A builder holding the parameters in {@code file} (read as {@link #load(Path)} reads them),
     * for callers that set more (dropout mode, eps, precision) before
     * {@link InferenceModelBuilder#build()}.
     */
    public static InferenceModelBuilder builder(Path file) throws IOException {
        return NpzModels.builder(file);
    }

    /**
     * A frozen copy of a trained net: its current parameters (W1, b1, …, gamma/beta), for
     * batchnorm the running statistics of its {@code bn_params} and their eps, its dtype, and its
     * dropout flavour (inverted: nothing at test time; vanilla: hidden activations × p). Later
     * training of {@code net} does not change the model.
     *
     * @throws IllegalArgumentException if a batchnorm net has no running statistics yet (it was
     *         never run in train mode) or its layers use different eps values
     */
    public static InferenceModel from(FullyConnectedNet net) {
        Args.notNull("net", net);
        InferenceModelBuilder b = builder().normalization(net.normalization()).precision(net.dtype());
        for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
            put(b, e.getKey(), e.getValue());
        }
        List<BatchnormParam> bn = net.bnParams();
        if (net.normalization() != Normalization.NONE && !bn.isEmpty()) {
            double eps = bn.get(0).eps();
            for (int k = 1; k <= bn.size(); k++) {
                BatchnormParam p = bn.get(k - 1);
                if (p.eps() != eps) {
                    throw new IllegalArgumentException("every layer's eps must be the same for inference, got "
                            + eps + " (layer 1) and " + p.eps() + " (layer " + k + ")");
                }
                if (net.normalization() == Normalization.BATCHNORM) {
                    if (p.runningMean() == null || p.runningVar() == null) {
                        throw new IllegalArgumentException("batchnorm layer " + k + " has no running statistics "
                                + "yet (running_mean" + k + "): train the net, or set them, before inference");
                    }
                    put(b, "running_mean" + k, p.runningMean());
                    put(b, "running_var" + k, p.runningVar());
                }
            }
            b.eps(eps);
        }
        if (net.usesDropout()) {
            double p = net.dropoutParam().p();
            b.dropout(net.dropoutParam().isInverted() ? DropoutMode.INVERTED : DropoutMode.VANILLA, p);
        }
        return b.build();
    }

    private static void put(InferenceModelBuilder b, String name, Tensor t) {
        if (t.isFloat32()) {
            b.param(name, t.floats(), t.shape());
        } else {
            b.param(name, t.doubles(), t.shape());
        }
    }

    /** Number of features of one example (rows of W1). */
    public int inputDim() {
        return dims[0];
    }

    /** Number of classes (columns of the last W). */
    public int numClasses() {
        return dims[dims.length - 1];
    }

    /** Number of affine layers L (hidden layers + 1). */
    public int numLayers() {
        return dims.length - 1;
    }

    /** Layer widths: input, hidden…, classes (e.g. [3072, 500, 10]). */
    public int[] layerDims() {
        return dims.clone();
    }

    /** The precision weights are stored and computed in. */
    public DType precision() {
        return precision;
    }

    /** The normalization between affine and ReLU. */
    public Normalization normalization() {
        return normalization;
    }

    /** How training used dropout; see {@link InferenceModelBuilder#dropout}. */
    public DropoutMode dropoutMode() {
        return dropoutMode;
    }

    /** The keep probability p the net was trained with (1 when unknown or no dropout). */
    public double keepProb() {
        return keepProb;
    }

    // ---- float32 inputs ----

    /**
     * Class scores of a batch: {@code x} holds exactly {@code batch × inputDim} values; returns a
     * new array of {@code batch × numClasses} scores (row-major).
     */
    public float[] scores(float[] x, int batch) {
        checkExact(x == null ? -1 : x.length, batch);
        float[] out = new float[batch * numClasses()];
        run(x, 0, batch, out, 0, null, 0);
        return out;
    }

    /**
     * Class scores of {@code batch} examples at {@code x[xOff…]} into {@code out[outOff…]}
     * ({@code batch × numClasses} values). Allocates nothing in steady state.
     */
    public void scores(float[] x, int xOff, int batch, float[] out, int outOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, batch, inputDim());
        checkRange("out", out == null ? -1 : out.length, outOff, batch, numClasses());
        run(x, xOff, batch, out, outOff, null, 0);
    }

    /** Predicted class of one example: {@code x} holds exactly {@link #inputDim()} values. */
    public int predict(float[] x) {
        checkExact(x == null ? -1 : x.length, 1);
        return predict(x, 0);
    }

    /** Predicted class of the example at {@code x[xOff … xOff + inputDim)}. No allocation. */
    public int predict(float[] x, int xOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, 1, inputDim());
        return runOne(x, xOff);
    }

    /**
     * Predicted classes of a batch: {@code xBatch} holds exactly {@code batch × inputDim} values;
     * writes {@code batch} labels into {@code out} (length at least {@code batch}).
     */
    public void predict(float[] xBatch, int batch, int[] out) {
        checkExact(xBatch == null ? -1 : xBatch.length, batch);
        predict(xBatch, 0, batch, out, 0);
    }

    /** Predicted classes of {@code batch} examples at {@code x[xOff…]} into {@code out[outOff…]}. */
    public void predict(float[] x, int xOff, int batch, int[] out, int outOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, batch, inputDim());
        checkRange("out", out == null ? -1 : out.length, outOff, batch, 1);
        run(x, xOff, batch, null, 0, out, outOff);
    }

    // ---- float64 inputs ----

    /** Double-array twin of {@link #scores(float[], int)}. */
    public double[] scores(double[] x, int batch) {
        checkExact(x == null ? -1 : x.length, batch);
        double[] out = new double[batch * numClasses()];
        run(x, 0, batch, out, 0, null, 0);
        return out;
    }

    /** Double-array twin of {@link #scores(float[], int, int, float[], int)}. */
    public void scores(double[] x, int xOff, int batch, double[] out, int outOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, batch, inputDim());
        checkRange("out", out == null ? -1 : out.length, outOff, batch, numClasses());
        run(x, xOff, batch, out, outOff, null, 0);
    }

    /** Double-array twin of {@link #predict(float[])}. */
    public int predict(double[] x) {
        checkExact(x == null ? -1 : x.length, 1);
        return predict(x, 0);
    }

    /** Double-array twin of {@link #predict(float[], int)}. */
    public int predict(double[] x, int xOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, 1, inputDim());
        return runOne(x, xOff);
    }

    /** Double-array twin of {@link #predict(float[], int, int[])}. */
    public void predict(double[] xBatch, int batch, int[] out) {
        checkExact(xBatch == null ? -1 : xBatch.length, batch);
        predict(xBatch, 0, batch, out, 0);
    }

    /** Double-array twin of {@link #predict(float[], int, int, int[], int)}. */
    public void predict(double[] x, int xOff, int batch, int[] out, int outOff) {
        checkRange("x", x == null ? -1 : x.length, xOff, batch, inputDim());
        checkRange("out", out == null ? -1 : out.length, outOff, batch, 1);
        run(x, xOff, batch, null, 0, out, outOff);
    }

    // ---- classification: probabilities, names, top k ----

    /**
     * The classification of one example ({@code x} holds exactly {@link #inputDim()} values):
     * every class's probability, the best class (the label {@link #predict(float[])} gives) and
     * the top k, with names.
     */
    public Classification classify(float[] x) {
        checkExact(x == null ? -1 : x.length, 1);
        return classification(scores(x, 1), 0, 0);
    }

    /** Double-array twin of {@link #classify(float[])}. */
    public Classification classify(double[] x) {
        checkExact(x == null ? -1 : x.length, 1);
        return classification(scores(x, 1), 0, 0);
    }

    /**
     * The classifications of a batch ({@code x} holds exactly {@code batch × inputDim} values),
     * one per row, in order; each as {@link #classify(float[])} gives it for that row alone.
     */
    public List<Classification> classify(float[] x, int batch) {
        return classifications(scores(x, batch), batch);
    }

    /** Double-array twin of {@link #classify(float[], int)}. */
    public List<Classification> classify(double[] x, int batch) {
        return classifications(scores(x, batch), batch);
    }

    /**
     * The classification of one raw image, preprocessed as {@link #predictImage(byte[])} does
     * (the model's mean image subtracted); its best label is the one {@code predictImage} gives.
     *
     * @throws IllegalArgumentException if {@code rgb} is null or its length is not {@code inputDim()}
     * @throws IllegalStateException if the model has no mean image
     */
    public Classification classifyImage(byte[] rgb) {
        Object row = imageRow(rgb);
        return row instanceof float[] ? classify((float[]) row) : classify((double[]) row);
    }

    /**
     * Class probabilities of {@code batch} scores rows ({@code scores} holds exactly
     * {@code batch × numClasses} values, e.g. from {@link #scores(float[], int)}), as
     * {@link Classification}s. For callers that computed the scores themselves, e.g. a batch at a
     * time into their own array.
     */
    public List<Classification> classifyScores(float[] scores, int batch) {
        checkScores(scores == null ? -1 : scores.length, batch);
        return classifications(scores, batch);
    }

    /** Double-array twin of {@link #classifyScores(float[], int)}. */
    public List<Classification> classifyScores(double[] scores, int batch) {
        checkScores(scores == null ? -1 : scores.length, batch);
        return classifications(scores, batch);
    }

    private void checkScores(int length, int batch) {
        if (length < 0) {
            throw new IllegalArgumentException("scores must not be null");
        }
        if (batch < 0 || (long) batch * numClasses() != length) {
            throw new IllegalArgumentException("scores must hold batch × numClasses = " + batch + " × " + numClasses()
                    + " values, got " + length);
        }
    }

    private List<Classification> classifications(Object scores, int batch) {
        List<Classification> out = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            out.add(classification(scores, i * numClasses(), i));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private Classification classification(Object scores, int off, int row) {
        int classes = numClasses();
        double[] p = new double[classes];
        Softmax.probabilities(scores, off, classes, p, row);
        return new Classification(classNames(), p, Softmax.ranking(scores, off, classes));
    }

    // ---- dynamic batching ----

    /**
     * A batching front on this model: concurrent single-example calls are gathered into one
     * forward pass of up to {@code maxBatch} rows, the gathering caller waiting at most {@code maxDelay} for
     * more after the first (ZERO: only the calls already waiting). Each caller gets the bits a
     * direct call gives. Close it when done; see {@link BatchingModel}.
     *
     * @throws IllegalArgumentException if maxBatch is not in [1, {@value BatchingModel#MAX_BATCH_LIMIT}]
     *         or maxDelay is null or negative
     */
    public BatchingModel batching(int maxBatch, java.time.Duration maxDelay) {
        return new BatchingModel(this, maxBatch, maxDelay);
    }

    // ---- the one path all of the above take ----

    /**
     * Scores of {@code batch} rows of {@code x} (a float[] or double[]) in chunks of
     * {@value #CHUNK_ROWS}: each chunk is copied (converted when the caller's precision differs
     * from the model's) into this thread's workspace, run through the plan, and its scores copied
     * to {@code out} and/or their argmax written to {@code labels}.
     */
    private void run(Object x, int xOff, int batch, Object out, int outOff, int[] labels, int labelsOff) {
        run(x, xOff, batch, out, outOff, labels, labelsOff, 0);
    }

    /** {@link #run}, naming rows from {@code rowBase} in messages. */
    private void run(Object x, int xOff, int batch, Object out, int outOff, int[] labels, int labelsOff, int rowBase) {
        Workspace ws = workspaces.get();
        int in = inputDim();
        int classes = numClasses();
        for (int r = 0; r < batch; r += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, batch - r);
            checkFinite(x, xOff + r * in, rows, r, batch);
            copy(x, xOff + r * in, ws.input(rows), 0, rows * in);
            plan.scores(ws, rows);
            Object scores = ws.scores();
            if (out != null) copy(scores, 0, out, outOff + r * classes, rows * classes);
            if (labels != null) {
                for (int i = 0; i < rows; i++) {
                    labels[labelsOff + r + i] = label(scores, i * classes, classes, x, xOff + (r + i) * in, in, rowBase + r + i);
                }
            }
        }
    }

    // ---- for BatchingModel: a batch assembled in this thread's workspace ----

    /** This thread's input buffer (the model's precision), room for at least {@code rows} examples. */
    Object batchInput(int rows) {
        return workspaces.get().input(rows);
    }

    /** Runs the first {@code rows} examples of {@link #batchInput}; returns their scores (rows x numClasses, reused). */
    Object runBatchInput(int rows) {
        Workspace ws = workspaces.get();
        plan.scores(ws, rows);
        return ws.scores();
    }

    private int runOne(Object x, int xOff) {
        checkFinite(x, xOff, 1, 0, 1);
        Workspace ws = workspaces.get();
        copy(x, xOff, ws.input(1), 0, inputDim());
        plan.scores(ws, 1);
        return label(ws.scores(), 0, numClasses(), x, xOff, inputDim(), 0);
    }

    /**
     * {@link #argmax} of one row's scores, refusing a row whose scores hold a NaN (its input held
     * NaN or infinite values): the exception names the row and its first value that is not finite.
     */
    static int label(Object scores, int off, int n, Object x, int xOff, int width, int row) {
        int best = argmax(scores, off, n);
        double v = value(scores, off + best);
        if (v != v) {
            throw new IllegalArgumentException(nanRow(x, xOff, width, row));
        }
        return best;
    }

    /** Why row {@code row} has NaN scores, for the exception. */
    static String nanRow(Object x, int xOff, int width, int row) {
        for (int j = 0; j < width; j++) {
            double v = value(x, xOff + j);
            if (!Double.isFinite(v)) {
                return "row " + row + " cannot be classified: its value " + j + " is " + v
                        + " (inputs must be finite numbers; its scores are NaN)";
            }
        }
        return "row " + row + " cannot be classified: its scores are NaN (its inputs are finite; the values overflow in the net)";
    }

    /**
     * Refuses {@code rows} rows at {@code x[off…]} if one holds NaN or an infinity, naming it as
     * row {@code firstRow + i} of a call of {@code batch} rows.
     */
    void checkFinite(Object x, int off, int rows, int firstRow, int batch) {
        int n = rows * inputDim();
        int bad = x instanceof float[] ? FiniteCheck.firstNonFinite(n, (float[]) x, off)
                : FiniteCheck.firstNonFinite(n, (double[]) x, off);
        refuseNonFinite(x, off, bad, firstRow, batch);
    }

    /**
     * Throws the message of {@link #checkFinite} when {@code bad} (the index from {@code off} of
     * the first non-finite value, or -1) says there is one.
     */
    void refuseNonFinite(Object x, int off, int bad, int firstRow, int batch) {
        if (bad >= 0) {
            int row = firstRow + bad / inputDim();
            int feature = bad % inputDim();
            double v = x instanceof float[] ? ((float[]) x)[off + bad] : ((double[]) x)[off + bad];
            throw new IllegalArgumentException((batch == 1 ? "x" : "x row " + row + " (of " + batch + ")")
                    + " holds " + v + " at feature " + feature + ": inputs must be finite (a NaN or infinite input "
                    + "makes every class score meaningless)");
        }
    }

    /** {@code dst[dstOff …] = src[srcOff …]} for n values, converting float ⇄ double as a cast does. */
    static void copy(Object src, int srcOff, Object dst, int dstOff, int n) {
        if (src.getClass() == dst.getClass()) {
            System.arraycopy(src, srcOff, dst, dstOff, n);
        } else if (src instanceof float[]) {
            float[] s = (float[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < n; i++) d[dstOff + i] = s[srcOff + i];
        } else {
            double[] s = (double[]) src;
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++) d[dstOff + i] = (float) s[srcOff + i];
        }
    }

    /**
     * Index of the largest of {@code n} scores at {@code off} (a float[] or double[]), like
     * {@code np.argmax}: the first one on ties, and the first NaN if there is one (numpy treats
     * NaN as the maximum).
     */
    static int argmax(Object scores, int off, int n) {
        int best = 0;
        double bestValue = value(scores, off);
        if (bestValue != bestValue) {
            return 0;
        }
        for (int j = 1; j < n; j++) {
            double v = value(scores, off + j);
            if (v != v) {
                return j;
            }
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }

    static boolean isNaN(Object scores, int i) {
        double v = value(scores, i);
        return v != v;
    }

    private static double value(Object scores, int i) {
        return scores instanceof float[] ? ((float[]) scores)[i] : ((double[]) scores)[i];

    }

    // ---- model files, raw images, rows ----

    /**
     * The model a {@link ModelFile} holds: its parameters and running statistics, precision,
     * normalization and eps, dropout flavour and keep probability, and mean image if it has one.
     * ({@link #load(Path)} does this for a file on disk.)
     *
     * @throws IllegalArgumentException if the parameters do not make a model (see {@link InferenceModelBuilder#build()})
     */
    public static InferenceModel from(ModelFile file) {
        Args.notNull("file", file);
        boolean hidden = file.hiddenDims().length > 0;
        Normalization norm = hidden ? file.normalization() : Normalization.NONE;
        InferenceModelBuilder b = builder().precision(file.dtype()).normalization(norm);
        for (Map.Entry<String, Tensor> e : file.params().entrySet()) {
            put(b, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Tensor> e : file.runningStats().entrySet()) {
            put(b, e.getKey(), e.getValue());
        }
        if (norm != Normalization.NONE) {
            b.eps(file.normEps());
        }
        if (file.keepProb() != 1) {
            b.dropout(file.invertedDropout() ? DropoutMode.INVERTED : DropoutMode.VANILLA, file.keepProb());
        }
        InferenceModel model = b.build();
        return new InferenceModel(model.plan, model.weights, model.dropoutMode, model.keepProb,
                file.meanImage(), file.hasClassNames() ? file.classNames() : null);
    }

    /**
     * This model (the same weights, shared) with {@code meanImage} as the preprocessing of
     * {@link #predictImage}: {@link #inputDim()} values subtracted from every raw image, e.g.
     * {@code CifarSplits.meanImage()} (the training split's mean, as {@code get_CIFAR10_data}
     * subtracts it). {@code null} gives a model without one. This model is not changed.
     */
    public InferenceModel withMeanImage(double[] meanImage) {
        if (meanImage != null) {
            if (meanImage.length != inputDim()) {
                throw new IllegalArgumentException("meanImage must hold inputDim = " + inputDim()
                        + " values, got " + meanImage.length);
            }
            for (int i = 0; i < meanImage.length; i++) {
                if (!Double.isFinite(meanImage[i])) {
                    throw new IllegalArgumentException("meanImage must hold finite values, got " + meanImage[i]
                            + " at index " + i);
                }
            }
        }
        return new InferenceModel(plan, weights, dropoutMode, keepProb, meanImage == null ? null : meanImage.clone(),
                classNames);
    }

    /**
     * This model (the same weights, shared) with {@code classNames} (one per class, label i is
     * name i), or without names for {@code null}. This model is not changed.
     *
     * @throws IllegalArgumentException if the names break the rule of {@link ClassNames#check}
     *         (one per class, non-empty, on one line, distinct)
     */
    public InferenceModel withClassNames(List<String> classNames) {
        List<String> names = classNames == null ? null : ClassNames.check("classNames", classNames, numClasses());
        return new InferenceModel(plan, weights, dropoutMode, keepProb, meanImage, names);
    }

    /**
     * The class names, label i is name i: those the model file stores (for a net trained on
     * CIFAR-10 by vecnn, the names of {@code batches.meta.txt}), or "0", "1", ... when it has
     * none ({@link #hasClassNames()}: files written before names were stored, plain numpy files).
     */
    public List<String> classNames() {
        return classNames != null ? classNames : ClassNames.defaults(numClasses());
    }

    /** True if the model has class names of its own (not the labels as names). */
    public boolean hasClassNames() {
        return classNames != null;
    }

    /** A copy of the mean image {@link #predictImage} subtracts (float64), or null when the model has none. */
    public double[] meanImage() {
        double[] mean = meanImage;
        return mean == null ? null : mean.clone();
    }

    /** True if the model has a mean image, so {@link #predictImage} works. */
    public boolean hasMeanImage() {
        return meanImage != null;
    }

    /**
     * Predicted class of one raw image. {@code rgb} holds {@link #inputDim()} bytes, the pixel
     * values 0..255 (Java's signed bytes are read as unsigned), in the order the net was trained
     * on. For CIFAR-10 that is the binary distribution's layout, a record without its label byte:
     * 3072 bytes, 1024 red, then 1024 green, then 1024 blue, each channel 32 rows of 32 pixels
     * top to bottom, left to right (numpy's {@code (3, 32, 32)}). Each byte is converted to a
     * number, the model's {@link #meanImage() mean image} subtracted (in float64, rounded once to
     * the model's precision, as {@code Cifar10.load} does), and the row goes to
     * {@link #predict(float[])}. Allocates one row per call.
     *
     * @throws IllegalArgumentException if {@code rgb} is null or its length is not {@code inputDim()}
     * @throws IllegalStateException if the model has no mean image
     */
    public int predictImage(byte[] rgb) {
        Object row = imageRow(rgb);
        return row instanceof float[] ? predict((float[]) row) : predict((double[]) row);
    }

    /**
     * The input row of one raw image, as {@link #predictImage(byte[])} makes it (each byte as a
     * number 0..255 minus the model's mean image, in float64, rounded once to float), written to
     * {@code out[off … off + inputDim)}: for callers that gather many images into one batch for
     * {@link #scores(float[], int, int, float[], int)}. Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code rgb} is null or its length is not {@code inputDim()},
     *         or {@code out} has no room
     * @throws IllegalStateException if the model has no mean image
     */
    public void imageRow(byte[] rgb, float[] out, int off) {
        double[] mean = checkedMean(rgb);
        checkRange("out", out == null ? -1 : out.length, off, 1, inputDim());
        for (int j = 0; j < mean.length; j++) {
            out[off + j] = (float) ((rgb[j] & 0xFF) - mean[j]);
        }
    }

    /** Double-array twin of {@link #imageRow(byte[], float[], int)} (no rounding to float). */
    public void imageRow(byte[] rgb, double[] out, int off) {
        double[] mean = checkedMean(rgb);
        checkRange("out", out == null ? -1 : out.length, off, 1, inputDim());
        for (int j = 0; j < mean.length; j++) {
            out[off + j] = (rgb[j] & 0xFF) - mean[j];
        }
    }

    /** The input row of a raw image: its bytes as numbers minus the mean image, in the model's precision. */
    private Object imageRow(byte[] rgb) {
        checkedMean(rgb);
        if (precision == DType.FLOAT32) {
            float[] row = new float[inputDim()];
            imageRow(rgb, row, 0);
            return row;
        }
        double[] row = new double[inputDim()];
        imageRow(rgb, row, 0);
        return row;
    }

    /** The mean image, after checking {@code rgb} is one raw image and the model has a mean. */
    private double[] checkedMean(byte[] rgb) {
        if (rgb == null) {
            throw new IllegalArgumentException("rgb must not be null");
        }
        int n = inputDim();
        if (rgb.length != n) {
            throw new IllegalArgumentException("rgb must hold inputDim = " + n + " bytes (CIFAR-10: 3072 = 1024 red, "
                    + "1024 green, 1024 blue, each 32 rows of 32 pixels), got " + rgb.length);
        }
        double[] mean = meanImage;
        if (mean == null) {
            throw new IllegalStateException("this model has no mean image to subtract from raw images: save the net "
                    + "with ModelFile.of(net).withMeanImage(data.meanImage()) (CifarSplits.meanImage(), the training "
                    + "split's mean), or use model.withMeanImage(mean); or preprocess the image yourself and call "
                    + "predict(float[])");
        }
        return mean;
    }

    /**
     * Predicted classes of {@code rows.length} examples, each a row of {@link #inputDim()} values
     * (preprocessed as in training). The same labels as {@link #predict(float[])} row by row.
     * Copies the rows, {@value #CHUNK_ROWS} at a time, into one buffer.
     *
     * @throws IllegalArgumentException naming the first row that is null or of the wrong length
     */
    public int[] predict(float[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException("rows must not be null");
        }
        int n = inputDim();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException("rows[" + i + "] must not be null");
            }
            if (rows[i].length != n) {
                throw new IllegalArgumentException("rows[" + i + "] must hold inputDim = " + n + " values, got "
                        + rows[i].length);
            }
            checkFinite(rows[i], 0, 1, i, rows.length);
        }
        int[] labels = new int[rows.length];
        float[] chunk = new float[Math.min(rows.length, CHUNK_ROWS) * n];
        for (int r = 0; r < rows.length; r += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, rows.length - r);
            for (int i = 0; i < count; i++) {
                System.arraycopy(rows[r + i], 0, chunk, i * n, n);
            }
            run(chunk, 0, count, null, 0, labels, r, r);
        }
        return labels;
    }

    // ---- ONNX ----

    /**
     * This model as an ONNX model's bytes (opset 17), with {@link OnnxExportOptions#defaults()}:
     * the mean image (if any) as a Sub node, class scores as the output.
     */
    public byte[] toOnnx() {
        return toOnnx(OnnxExportOptions.defaults());
    }

    /**
     * This model as an ONNX model's bytes: its test-mode forward as {@code Gemm},
     * {@code BatchNormalization} or {@code LayerNormalization}, {@code Relu}, {@code Mul} (vanilla
     * dropout's p; inverted dropout adds no node), in the model's precision (FLOAT or DOUBLE);
     * opset 17. The graph is described in the README's "ONNX" section.
     */
    public byte[] toOnnx(OnnxExportOptions options) {
        Args.notNull("options", options);
        return Onnx.toBytes(OnnxExport.export(this, weights, options));
    }

    /** Writes {@link #toOnnx(OnnxExportOptions)} to {@code file} through a temporary file and a rename. */
    public void writeOnnx(Path file, OnnxExportOptions options) throws IOException {
        Args.notNull("file", file);
        Args.notNull("options", options);
        Onnx.write(file, OnnxExport.export(this, weights, options));
    }

    /**
     * The model in an {@code .onnx} file: an MLP graph as {@code torch.onnx.export} or
     * {@code skl2onnx} write them, or as {@link #toOnnx()} does. Anything vecnn's engine cannot run
     * exactly is refused with a {@link dev.vecnn.io.DataException} naming the node and its op.
     * Read (opsets 9 to 23): {@code Gemm} ({@code transA = 0}; {@code transB}, {@code alpha},
     * {@code beta} folded into the weights), {@code MatMul} + {@code Add}, {@code Relu},
     * {@code BatchNormalization} (inference mode), {@code LayerNormalization} (last axis), a
     * {@code Mul} by one number after a Relu (vanilla dropout), {@code Flatten} / {@code Reshape}
     * to rows and a {@code Sub} of a constant (the mean image) at the start, {@code Dropout} and
     * {@code Identity} (the identity), a final {@code Softmax} (dropped: {@code scores} are the
     * values before it, the predicted class is the same); initializers as {@code raw_data} or
     * typed fields; data in external files is refused. The graph must be the chain vecnn's engine
     * runs: affine [- norm] - relu [- scale], ..., affine.
     */
    public static InferenceModel fromOnnx(Path file) throws IOException {
        Args.notNull("file", file);
        return OnnxImport.toModel(Onnx.read(file), file.toString());
    }

    /** {@link #fromOnnx(Path)} of a model held in {@code bytes}; {@code source} names it in messages. */
    public static InferenceModel fromOnnx(byte[] bytes, String source) throws IOException {
        Args.notNull("bytes", bytes);
        return OnnxImport.toModel(Onnx.read(bytes, source == null ? "onnx" : source), source == null ? "onnx" : source);
    }

    @Override
    public String toString() {
        return "InferenceModel" + Arrays.toString(dims) + " " + precision
                + (normalization == Normalization.NONE ? "" : " " + normalization)
                + (dropoutMode == DropoutMode.VANILLA ? " vanilla dropout p=" + keepProb : "");
    }

    // ---- argument checks ----

    /** {@code x} must hold exactly {@code batch} examples. */
    private void checkExact(int length, int batch) {
        if (length < 0) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        long expected = (long) batch * inputDim();
        if (length != expected) {
            String got = length % inputDim() == 0 ? " (" + length / inputDim() + " examples)"
                    : batch == 1 ? " (features per example must be " + inputDim() + ")" : "";
            throw new IllegalArgumentException("x must hold batch × inputDim = " + batch + " × "
                    + inputDim() + " = " + expected + " values, got " + length + got);
        }
    }

    /** {@code array[off …]} must hold {@code batch} rows of {@code width} values. */
    private static void checkRange(String name, int length, int off, int batch, int width) {
        if (length < 0) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + off);
        }
        long needed = off + (long) batch * width;
        if (needed > length) {
            throw new IllegalArgumentException(name + " too short: need " + needed + " values (offset "
                    + off + " + batch " + batch + " × " + width + "), got " + length);
        }
    }
}
