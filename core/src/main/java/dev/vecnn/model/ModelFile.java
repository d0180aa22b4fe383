package dev.vecnn.model;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.io.Json;
import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.NpyType;
import dev.vecnn.io.Npz;
import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A trained {@link FullyConnectedNet} as one numpy {@code .npz} file: everything needed to
 * rebuild the net ({@link #toNet()}) or to classify raw images with it
 * ({@code dev.vecnn.infer.InferenceModel.load}), and nothing of the training run (no optimizer state,
 * histories or random state: that is the solver's checkpoint).
 *
 * <pre>{@code
 * ModelFile.write(Path.of("model.npz"), ModelFile.of(net).withMeanImage(data.meanImage()));
 * FullyConnectedNet again = ModelFile.read(Path.of("model.npz")).toNet();
 * }</pre>
 *
 * <p><b>Layout.</b> {@code z = np.load("model.npz")} holds:
 * <pre>
 *   vecnn_model_version   int64, shape ()        1 (this layout)
 *   vecnn_model_json      uint8, shape (n,)      the architecture as UTF-8 JSON:
 *                                                json.loads(bytes(z['vecnn_model_json']).decode())
 *   W1, b1, gamma1, beta1, ..., WL, bL           the parameters under the assignment's names, in
 *                                                the net's dtype; W&lt;k&gt; is (in, out), the rest (out,);
 *                                                gamma/beta for hidden layers with batch/layer norm
 *   running_mean1, running_var1, ...             batchnorm's running statistics (net dtype), every
 *                                                hidden layer, batchnorm only
 *   mean_image            float64 (or float32), inputDim values (any shape), optional: subtracted
 *                                                from every raw image before the net sees it, as
 *                                                get_CIFAR10_data does (for CIFAR-10: (3, 32, 32)
 *                                                order, flattened)
 *   class_names           uint8, shape (n,), optional: the class names as a UTF-8 JSON list,
 *                                                label i is name i (see {@link ClassNames});
 *                                                json.loads(bytes(z['class_names']).decode())
 * </pre>
 * The JSON object has exactly these keys (all required; {@code dropout_seed} may be null):
 * <pre>
 *   {"input_dim": 3072, "hidden_dims": [100, 100], "num_classes": 10, "dtype": "float32",
 *    "normalization": "none" | "batchnorm" | "layernorm", "norm_eps": 1e-05, "norm_momentum": 0.9,
 *    "dropout_keep_p": 0.5, "dropout_mode": "inverted" | "vanilla", "dropout_seed": null,
 *    "mask_source": "numpy" | "counter", "reg": 0.0}
 * </pre>
 * {@code dropout_keep_p} is the KEEP probability (the assignment's {@code dropout}; 1 means no
 * dropout layers). The normalization eps and momentum are the same for every layer. Other arrays
 * are ignored, so a file may carry extra ones; an array with a parameter's name the architecture
 * has no place for is an error.
 *
 * <p>Files are written through a temporary file and a rename. Reading rejects, with a
 * {@link DataException} naming the file and the array (or JSON key), the expected and the actual
 * value: a file that is not an {@code .npz}, a missing or unknown version, bad JSON, a missing
 * parameter, one of the wrong dtype or shape, NaN or infinite values, negative running variances.
 *
 * <p>Instances are immutable: tensors and arrays are copied in and out.
 */
public final class ModelFile {
    /** The layout version this class writes and reads. */
    public static final long VERSION = 1;
    /** Name of the version array. */
    public static final String VERSION_ARRAY = "vecnn_model_version";
    /** Name of the JSON metadata array. */
    public static final String JSON_ARRAY = "vecnn_model_json";
    /** Name of the optional mean image array. */
    public static final String MEAN_IMAGE_ARRAY = "mean_image";

    private static final Pattern PARAM_NAME =
            Pattern.compile("(W|b|gamma|beta|running_mean|running_var)[0-9]+");
    private static final List<String> JSON_KEYS = List.of("input_dim", "hidden_dims", "num_classes",
            "dtype", "normalization", "norm_eps", "norm_momentum", "dropout_keep_p", "dropout_mode",
            "dropout_seed", "mask_source", "reg");

    private final int inputDim;
    private final int[] hiddenDims;
    private final int numClasses;
    private final DType dtype;
    private final Normalization normalization;
    private final double normEps;
    private final double normMomentum;
    private final double keepProb;
    private final boolean invertedDropout;
    private final Long dropoutSeed;
    private final MaskSource maskSource;
    private final double reg;
    private final Map<String, Tensor> params;
    private final Map<String, Tensor> runningStats;
    private final double[] meanImage;
    /** The class names, or null when the file has none. */
    private final List<String> classNames;

    private ModelFile(Architecture a, Map<String, Tensor> params, Map<String, Tensor> runningStats,
                      double[] meanImage, List<String> classNames) {
        this.inputDim = a.inputDim;
        this.hiddenDims = a.hiddenDims.clone();
        this.numClasses = a.numClasses;
        this.dtype = a.dtype;
        this.normalization = a.normalization;
        this.normEps = a.normEps;
        this.normMomentum = a.normMomentum;
        this.keepProb = a.keepProb;
        this.invertedDropout = a.invertedDropout;
        this.dropoutSeed = a.dropoutSeed;
        this.maskSource = a.maskSource;
        this.reg = a.reg;
        this.params = params;
        this.runningStats = runningStats;
        this.meanImage = meanImage;
        this.classNames = classNames;
    }

    // ---- from a net, to a net ----

    /**
     * A snapshot of {@code net}: copies of its parameters and batchnorm running statistics, and its
     * options. No mean image (see {@link #withMeanImage}).
     *
     * @throws IllegalArgumentException if a batchnorm net has no running statistics yet (it never
     *         ran in train mode), or its layers use different eps or momentum values
     */
    public static ModelFile of(FullyConnectedNet net) {
        if (net == null) {
            throw new IllegalArgumentException("net must not be null");
        }
        Architecture a = new Architecture();
        a.inputDim = net.inputDim();
        a.hiddenDims = net.hiddenDims();
        a.numClasses = net.numClasses();
        a.dtype = net.dtype();
        a.normalization = net.normalization();
        BatchnormParam defaults = BatchnormParam.train();
        a.normEps = defaults.eps();
        a.normMomentum = defaults.momentum();
        List<BatchnormParam> bn = net.bnParams();
        for (int k = 1; k <= bn.size(); k++) {
            BatchnormParam p = bn.get(k - 1);
            if (k == 1) {
                a.normEps = p.eps();
                a.normMomentum = p.momentum();
            } else if (p.eps() != a.normEps || p.momentum() != a.normMomentum) {
                throw new IllegalArgumentException("a model file holds one eps and momentum for every layer, got eps "
                        + a.normEps + ", momentum " + a.normMomentum + " (layer 1) and eps " + p.eps()
                        + ", momentum " + p.momentum() + " (layer " + k + ")");
            }
        }
        a.keepProb = net.dropoutParam().p();
        a.invertedDropout = net.dropoutParam().isInverted();
        a.dropoutSeed = net.dropoutParam().hasSeed() ? net.dropoutParam().seedValue() : null;
        a.maskSource = net.maskSource();
        a.reg = net.reg();
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
            params.put(e.getKey(), e.getValue().copy());
        }
        Map<String, Tensor> running = new LinkedHashMap<>();
        Map<String, Tensor> buffers = net.buffers();
        for (String name : a.runningStatNames()) {
            Tensor t = buffers.get(name);
            if (t == null) {
                throw new IllegalArgumentException("batchnorm layer " + name.replaceAll("\\D", "") + " has no running "
                        + "statistics yet (" + name + "): train the net, or set them, before saving it");
            }
            running.put(name, t);
        }
        a.check(params, running);
        return new ModelFile(a, params, running, null, null);
    }

    /**
     * This model with {@code meanImage} (inputDim values, e.g. {@code CifarSplits.meanImage()})
     * as its preprocessing, or without one for {@code null}.
     */
    public ModelFile withMeanImage(double[] meanImage) {
        if (meanImage != null) {
            checkMeanImage("meanImage", meanImage);
        }
        return new ModelFile(architecture(), params, runningStats, meanImage == null ? null : meanImage.clone(),
                classNames);
    }

    /**
     * This model with {@code classNames} (one per class, label i is name i; e.g.
     * {@code CifarSplits.classNames()}, read from CIFAR-10's {@code batches.meta.txt}), or without
     * names for {@code null}.
     *
     * @throws IllegalArgumentException if the names break the rule of {@link ClassNames#check}
     */
    public ModelFile withClassNames(List<String> classNames) {
        List<String> names = classNames == null ? null : ClassNames.check("classNames", classNames, numClasses);
        return new ModelFile(architecture(), params, runningStats, meanImage, names);
    }

    /**
     * A new net with this file's options, parameters and running statistics: test-mode scores
     * ({@code loss(X)}) equal those of the net that was saved. Training it further works like
     * training any net (the optimizer state and the random state are not in a model file).
     */
    public FullyConnectedNet toNet() {
        FullyConnectedNet.Builder b = FullyConnectedNet.builder(hiddenDims)
                .inputDim(inputDim).numClasses(numClasses).dtype(dtype)
                .normalization(normalization).reg(reg).maskSource(maskSource)
                .params(params());
        if (keepProb != 1) {
            b.dropout(keepProb).vanillaDropout(!invertedDropout);
        }
        if (dropoutSeed != null) {
            b.seed(dropoutSeed);
        }
        FullyConnectedNet net = b.build();
        net.dropoutParam().inverted(invertedDropout);
        for (BatchnormParam p : net.bnParams()) {
            p.eps(normEps).momentum(normMomentum);
        }
        if (!runningStats.isEmpty()) {
            net.setBuffers(runningStats());
        }
        return net;
    }

    // ---- the file ----

    /** Writes {@code model} to {@code file} (an uncompressed {@code .npz}) via a temporary file and a rename. */
    public static void write(Path file, ModelFile model) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        Npz.write(file, model.toArrays());
    }

    /** Reads a model file; any problem with its content is a {@link DataException} naming the file and the array. */
    public static ModelFile read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        return fromArrays(Npz.read(file), file.toString());
    }

    /** True if {@code arrays} (an {@code .npz}'s content) carry vecnn model metadata. */
    public static boolean isModelFile(Map<String, NpyArray> arrays) {
        return arrays.containsKey(VERSION_ARRAY) || arrays.containsKey(JSON_ARRAY);
    }

    /** The arrays {@link #write} stores, in file order (metadata first). */
    public Map<String, NpyArray> toArrays() {
        Map<String, NpyArray> z = new LinkedHashMap<>();
        z.put(VERSION_ARRAY, NpyArray.of(new long[] {VERSION}));
        byte[] json = json().getBytes(StandardCharsets.UTF_8);
        z.put(JSON_ARRAY, NpyArray.ofUnsignedBytes(json, json.length));
        for (Map<String, Tensor> m : List.of(params, runningStats)) {
            for (Map.Entry<String, Tensor> e : m.entrySet()) {
                Tensor t = e.getValue();
                z.put(e.getKey(), t.isFloat32() ? NpyArray.of(t.floats().clone(), t.shape())
                        : NpyArray.of(t.doubles().clone(), t.shape()));
            }
        }
        if (meanImage != null) {
            z.put(MEAN_IMAGE_ARRAY, NpyArray.of(meanImage.clone(), meanImage.length));
        }
        if (classNames != null) {
            byte[] names = ClassNames.encode(classNames);
            z.put(ClassNames.ARRAY, NpyArray.ofUnsignedBytes(names, names.length));
        }
        return z;
    }

    /**
     * The model held by {@code arrays}, the content of an {@code .npz} that {@code source} names
     * in messages. The arrays are copied.
     *
     * @throws DataException if anything is missing or wrong, naming source and array
     */
    public static ModelFile fromArrays(Map<String, NpyArray> arrays, String source) throws DataException {
        NpyArray version = arrays.get(VERSION_ARRAY);
        if (version == null) {
            throw new DataException(source + ": not a vecnn model file: no array " + VERSION_ARRAY
                    + " (ModelFile.write puts it there; plain numpy parameter files load with "
                    + "dev.vecnn.infer.InferenceModel.load)");
        }
        long v;
        if (version.size() != 1 || (version.type() != NpyType.INT64 && version.type() != NpyType.INT32)) {
            throw new DataException(source + ": " + VERSION_ARRAY + " must be one int64, got " + version);
        }
        v = version.type() == NpyType.INT64 ? version.longs()[0] : version.ints()[0];
        if (v != VERSION) {
            throw new DataException(source + ": " + VERSION_ARRAY + " is " + v + ", this vecnn reads version "
                    + VERSION + (v > VERSION ? " (the file was written by a newer vecnn)" : ""));
        }
        NpyArray jsonArray = arrays.get(JSON_ARRAY);
        if (jsonArray == null) {
            throw new DataException(source + ": missing array " + JSON_ARRAY + " (the architecture as UTF-8 JSON)");
        }
        if (jsonArray.type() != NpyType.UINT8 || jsonArray.shape().length != 1) {
            throw new DataException(source + ": " + JSON_ARRAY + " must be a 1-d uint8 array (UTF-8 text), got "
                    + jsonArray);
        }
        Architecture a;
        try {
            a = Architecture.parse(decodeUtf8(jsonArray.unsignedBytes()));
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": " + JSON_ARRAY + ": " + e.getMessage(), e);
        }
        Map<String, int[]> shapes = a.expectedShapes();
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> running = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            String name = e.getKey();
            NpyArray arr = arrays.get(name);
            String expected = a.dtype + " of shape " + shapeString(e.getValue());
            if (arr == null) {
                throw new DataException(source + ": missing array " + name + " (expected " + expected + ")");
            }
            NpyType want = a.dtype == DType.FLOAT32 ? NpyType.FLOAT32 : NpyType.FLOAT64;
            if (arr.type() != want || !Arrays.equals(arr.shape(), e.getValue())) {
                throw new DataException(source + ": array " + name + " must be " + expected + " (the architecture in "
                        + JSON_ARRAY + "), got " + describe(arr));
            }
            Tensor t = want == NpyType.FLOAT32 ? Tensor.of(arr.floats().clone(), arr.shape())
                    : Tensor.of(arr.doubles().clone(), arr.shape());
            try {
                checkValues(name, t);
            } catch (IllegalArgumentException ex) {
                throw new DataException(source + ": " + ex.getMessage(), ex);
            }
            (name.startsWith("running_") ? running : params).put(name, t);
        }
        for (String name : arrays.keySet()) {
            if (PARAM_NAME.matcher(name).matches() && !shapes.containsKey(name)) {
                throw new DataException(source + ": unexpected array " + name + ": the architecture in " + JSON_ARRAY
                        + " (" + a.summary() + ") has the arrays " + shapes.keySet());
            }
        }
        double[] mean = null;
        NpyArray meanArray = arrays.get(MEAN_IMAGE_ARRAY);
        if (meanArray != null) {
            if (meanArray.type() == NpyType.FLOAT64) {
                mean = meanArray.doubles().clone();
            } else if (meanArray.type() == NpyType.FLOAT32) {
                float[] f = meanArray.floats();
                mean = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    mean[i] = f[i];
                }
            } else {
                throw new DataException(source + ": array " + MEAN_IMAGE_ARRAY + " must be float64 or float32, got "
                        + describe(meanArray));
            }
            try {
                a.checkMeanImage(MEAN_IMAGE_ARRAY, mean);
            } catch (IllegalArgumentException ex) {
                throw new DataException(source + ": array " + ex.getMessage(), ex);
            }
        }
        return new ModelFile(a, params, running, mean, readClassNames(arrays, source, a.numClasses));
    }

    /**
     * The names in the optional {@link ClassNames#ARRAY} array of an {@code .npz}'s content, or
     * null when there is none; numpy parameter files may carry the array too.
     *
     * @throws DataException naming {@code source} if the array is there but not valid
     */
    public static List<String> readClassNames(Map<String, NpyArray> arrays, String source, int numClasses)
            throws DataException {
        NpyArray a = arrays.get(ClassNames.ARRAY);
        if (a == null) {
            return null;
        }
        if (a.type() != NpyType.UINT8 || a.shape().length != 1) {
            throw new DataException(source + ": " + ClassNames.ARRAY + " must be a 1-d uint8 array (a UTF-8 JSON list "
                    + "of names), got " + describe(a));
        }
        try {
            return ClassNames.decode(a.unsignedBytes(), numClasses);
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
    }

    // ---- accessors ----

    public int inputDim() { return inputDim; }
    public int[] hiddenDims() { return hiddenDims.clone(); }
    public int numClasses() { return numClasses; }
    /** Layer widths: input, hidden..., classes. */
    public int[] layerDims() { return architecture().dims(); }
    public DType dtype() { return dtype; }
    public Normalization normalization() { return normalization; }
    /** The eps of batch/layer normalization (every layer's). */
    public double normEps() { return normEps; }
    /** The momentum of batchnorm's running statistics (every layer's). */
    public double normMomentum() { return normMomentum; }
    /** Dropout KEEP probability p (1: no dropout layers). */
    public double keepProb() { return keepProb; }
    /** Inverted dropout (the assignment's; nothing to do at test time) rather than vanilla (x p at test time). */
    public boolean invertedDropout() { return invertedDropout; }
    /** The dropout seed the net was built with, if any. */
    public OptionalLong dropoutSeed() { return dropoutSeed == null ? OptionalLong.empty() : OptionalLong.of(dropoutSeed); }
    public MaskSource maskSource() { return maskSource; }
    public double reg() { return reg; }

    /** Copies of the parameters, in the assignment's order (W1, b1, [gamma1, beta1,] W2, ...). */
    public Map<String, Tensor> params() {
        return copies(params);
    }

    /** Copies of batchnorm's running statistics (running_mean1, running_var1, ...); empty without batchnorm. */
    public Map<String, Tensor> runningStats() {
        return copies(runningStats);
    }

    /** A copy of the mean image (inputDim values, float64), or null when the file has none. */
    public double[] meanImage() {
        return meanImage == null ? null : meanImage.clone();
    }

    public boolean hasMeanImage() {
        return meanImage != null;
    }

    /**
     * The class names, label i is name i: those stored in the file, or "0", "1", ... when it has
     * none ({@link #hasClassNames()}; files written before names were stored have none).
     */
    public List<String> classNames() {
        return classNames != null ? classNames : ClassNames.defaults(numClasses);
    }

    /** True if the file stores class names. */
    public boolean hasClassNames() {
        return classNames != null;
    }

    @Override
    public String toString() {
        return "ModelFile[" + architecture().summary() + (meanImage != null ? ", mean image" : "")
                + (classNames != null ? ", class names" : "") + "]";
    }

    // ---- internals ----

    private Architecture architecture() {
        Architecture a = new Architecture();
        a.inputDim = inputDim;
        a.hiddenDims = hiddenDims.clone();
        a.numClasses = numClasses;
        a.dtype = dtype;
        a.normalization = normalization;
        a.normEps = normEps;
        a.normMomentum = normMomentum;
        a.keepProb = keepProb;
        a.invertedDropout = invertedDropout;
        a.dropoutSeed = dropoutSeed;
        a.maskSource = maskSource;
        a.reg = reg;
        return a;
    }

    private void checkMeanImage(String what, double[] mean) {
        architecture().checkMeanImage(what, mean);
    }

    private String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_dim", inputDim);
        m.put("hidden_dims", hiddenDims);
        m.put("num_classes", numClasses);
        m.put("dtype", dtype.numpyName());
        m.put("normalization", normalization.name().toLowerCase(Locale.ROOT));
        m.put("norm_eps", normEps);
        m.put("norm_momentum", normMomentum);
        m.put("dropout_keep_p", keepProb);
        m.put("dropout_mode", invertedDropout ? "inverted" : "vanilla");
        m.put("dropout_seed", dropoutSeed);
        m.put("mask_source", maskSource.name().toLowerCase(Locale.ROOT));
        m.put("reg", reg);
        return Json.write(m);
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            out.put(e.getKey(), e.getValue().copy());
        }
        return out;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** NaN or infinite values, and negative running variances, are rejected naming the array and index. */
    private static void checkValues(String name, Tensor t) {
        boolean variance = name.startsWith("running_var");
        for (int i = 0; i < t.size(); i++) {
            double v = t.get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("array " + name + " must hold finite values, got " + v
                        + " at flat index " + i);
            }
            if (variance && v < 0) {
                throw new IllegalArgumentException("array " + name + " holds variances, which must be >= 0, got "
                        + v + " at flat index " + i);
            }
        }
    }

    private static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static String describe(NpyArray a) {
        String type = a.type() == NpyType.FLOAT32 ? "float32" : a.type() == NpyType.FLOAT64 ? "float64"
                : a.type().name().toLowerCase(Locale.ROOT);
        return type + " of shape " + shapeString(a.shape());
    }

    /** The options of a model file (the JSON), and the array names and shapes they imply. */
    private static final class Architecture {
        int inputDim;
        int[] hiddenDims;
        int numClasses;
        DType dtype;
        Normalization normalization;
        double normEps;
        double normMomentum;
        double keepProb;
        boolean invertedDropout;
        Long dropoutSeed;
        MaskSource maskSource;
        double reg;

        int[] dims() {
            int[] dims = new int[hiddenDims.length + 2];
            dims[0] = inputDim;
            System.arraycopy(hiddenDims, 0, dims, 1, hiddenDims.length);
            dims[dims.length - 1] = numClasses;
            return dims;
        }

        /** Parameters in the net's order, then running statistics, with their shapes. */
        Map<String, int[]> expectedShapes() {
            int[] dims = dims();
            int layers = dims.length - 1;
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (int k = 1; k <= layers; k++) {
                shapes.put("W" + k, new int[] {dims[k - 1], dims[k]});
                shapes.put("b" + k, new int[] {dims[k]});
                if (normalization != Normalization.NONE && k < layers) {
                    shapes.put("gamma" + k, new int[] {dims[k]});
                    shapes.put("beta" + k, new int[] {dims[k]});
                }
            }
            for (String name : runningStatNames()) {
                shapes.put(name, new int[] {dims[Integer.parseInt(name.replaceAll("\\D", ""))]});
            }
            return shapes;
        }

        List<String> runningStatNames() {
            if (normalization != Normalization.BATCHNORM) {
                return Collections.emptyList();
            }
            List<String> names = new ArrayList<>();
            for (int k = 1; k <= hiddenDims.length; k++) {
                names.add("running_mean" + k);
                names.add("running_var" + k);
            }
            return names;
        }

        /** {@code params} and {@code running} have exactly the expected names, shapes, dtype and finite values. */
        void check(Map<String, Tensor> params, Map<String, Tensor> running) {
            Map<String, int[]> shapes = expectedShapes();
            List<String> names = new ArrayList<>(params.keySet());
            names.addAll(running.keySet());
            if (!names.equals(new ArrayList<>(shapes.keySet()))) {
                throw new IllegalArgumentException("arrays must be " + shapes.keySet() + ", got " + names);
            }
            for (Map<String, Tensor> m : List.of(params, running)) {
                for (Map.Entry<String, Tensor> e : m.entrySet()) {
                    Tensor t = e.getValue();
                    if (t.dtype() != dtype || !Arrays.equals(t.shape(), shapes.get(e.getKey()))) {
                        throw new IllegalArgumentException(e.getKey() + " must be " + dtype + " of shape "
                                + shapeString(shapes.get(e.getKey())) + ", got " + t.dtype() + " of shape "
                                + shapeString(t.shape()));
                    }
                    checkValues(e.getKey(), t);
                }
            }
        }

        void checkMeanImage(String what, double[] mean) {
            if (mean.length != inputDim) {
                throw new IllegalArgumentException(what + " must hold inputDim = " + inputDim + " values, got "
                        + mean.length);
            }
            for (int i = 0; i < mean.length; i++) {
                if (!Double.isFinite(mean[i])) {
                    throw new IllegalArgumentException(what + " must hold finite values, got " + mean[i]
                            + " at flat index " + i);
                }
            }
        }

        String summary() {
            StringBuilder sb = new StringBuilder();
            int[] dims = dims();
            for (int i = 0; i < dims.length; i++) {
                sb.append(i > 0 ? "-" : "").append(dims[i]);
            }
            sb.append(' ').append(dtype);
            if (normalization != Normalization.NONE) {
                sb.append(' ').append(normalization.name().toLowerCase(Locale.ROOT)).append(" eps=").append(normEps);
            }
            if (keepProb != 1) {
                sb.append(invertedDropout ? ", inverted" : ", vanilla").append(" dropout keep p=").append(keepProb);
            }
            return sb.toString();
        }

        /** The architecture from the JSON text; IllegalArgumentException naming the key. */
        static Architecture parse(String text) {
            Object parsed = Json.parse(text);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("must be a JSON object {...}, got " + text.strip());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) parsed;
            for (String key : m.keySet()) {
                if (!JSON_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown key \"" + key + "\"; the keys are " + JSON_KEYS);
                }
            }
            for (String key : JSON_KEYS) {
                if (!m.containsKey(key)) {
                    throw new IllegalArgumentException("missing key \"" + key + "\"; the keys are " + JSON_KEYS);
                }
            }
            Architecture a = new Architecture();
            a.inputDim = positiveInt(m, "input_dim");
            Object hidden = m.get("hidden_dims");
            if (!(hidden instanceof List)) {
                throw new IllegalArgumentException("hidden_dims must be a list of positive integers, got " + hidden);
            }
            List<?> list = (List<?>) hidden;
            a.hiddenDims = new int[list.size()];
            for (int i = 0; i < list.size(); i++) {
                Object h = list.get(i);
                if (!(h instanceof Long) || (Long) h < 1 || (Long) h > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("hidden_dims must be a list of positive integers, got " + h
                            + " at index " + i);
                }
                a.hiddenDims[i] = (int) (long) (Long) h;
            }
            a.numClasses = positiveInt(m, "num_classes");
            a.dtype = DType.parse(string(m, "dtype", "\"float32\" or \"float64\""));
            String norm = string(m, "normalization", "\"none\", \"batchnorm\" or \"layernorm\"");
            if (!List.of("none", "batchnorm", "layernorm").contains(norm)) {
                throw new IllegalArgumentException("normalization must be \"none\", \"batchnorm\" or \"layernorm\", got \""
                        + norm + "\"");
            }
            a.normalization = Normalization.parse(norm);
            a.normEps = number(m, "norm_eps");
            if (!(a.normEps > 0)) {
                throw new IllegalArgumentException("norm_eps must be > 0, got " + a.normEps);
            }
            a.normMomentum = number(m, "norm_momentum");
            if (!(a.normMomentum >= 0 && a.normMomentum <= 1)) {
                throw new IllegalArgumentException("norm_momentum must be in [0, 1], got " + a.normMomentum);
            }
            a.keepProb = number(m, "dropout_keep_p");
            KeepProbability.check("dropout_keep_p", a.keepProb);
            String mode = string(m, "dropout_mode", "\"inverted\" or \"vanilla\"");
            if (!mode.equals("inverted") && !mode.equals("vanilla")) {
                throw new IllegalArgumentException("dropout_mode must be \"inverted\" or \"vanilla\", got \"" + mode + "\"");
            }
            a.invertedDropout = mode.equals("inverted");
            Object seed = m.get("dropout_seed");
            if (seed != null && (!(seed instanceof Long) || (Long) seed < 0 || (Long) seed > 0xFFFFFFFFL)) {
                throw new IllegalArgumentException("dropout_seed must be null or an integer in [0, 2^32 - 1], got "
                        + seed);
            }
            a.dropoutSeed = (Long) seed;
            String masks = string(m, "mask_source", "\"numpy\" or \"counter\"");
            if (!masks.equals("numpy") && !masks.equals("counter")) {
                throw new IllegalArgumentException("mask_source must be \"numpy\" or \"counter\", got \"" + masks + "\"");
            }
            a.maskSource = MaskSource.parse(masks);
            if (a.maskSource == MaskSource.COUNTER && a.keepProb != 1 && !a.invertedDropout) {
                throw new IllegalArgumentException("mask_source \"counter\" supports inverted dropout only, got "
                        + "dropout_mode \"vanilla\"");
            }
            a.reg = number(m, "reg");
            if (!(a.reg >= 0)) {
                throw new IllegalArgumentException("reg must be >= 0, got " + a.reg);
            }
            return a;
        }

        private static int positiveInt(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Long) || (Long) v < 1 || (Long) v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
            }
            return (int) (long) (Long) v;
        }

        private static double number(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) {
                throw new IllegalArgumentException(key + " must be a finite number, got " + v);
            }
            return ((Number) v).doubleValue();
        }

        private static String string(Map<String, Object> m, String key, String expected) {
            Object v = m.get(key);
            if (!(v instanceof String)) {
                throw new IllegalArgumentException(key + " must be " + expected + ", got " + v);
            }
            return (String) v;
        }
    }
}
