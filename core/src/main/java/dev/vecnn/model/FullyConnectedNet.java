package dev.vecnn.model;

import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.layers.Layers;
import dev.vecnn.layers.Normalization;
import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assignment's {@code FullyConnectedNet} ({@code classifiers/fc_net.py}):
 * {@code {affine - [batch/layer norm] - relu - [dropout]} x (L - 1) - affine - softmax}.
 *
 * <pre>
 *   FullyConnectedNet model = FullyConnectedNet.builder(20, 30)   // hidden dims
 *           .inputDim(15).numClasses(10).weightScale(5e-2).dtype(DType.FLOAT64)
 *           .dropout(0.75).seed(123).build();                     // dropout = KEEP probability
 *   LossAndGrads lg = model.loss(X, y);                           // loss, grads = model.loss(X, y)
 *   Tensor scores = model.loss(X);                                // scores = model.loss(X)
 * </pre>
 *
 * <p>Like fc_net.py's constructor, the builder makes the parameters W1, b1, (gamma1, beta1,) W2,
 * ... in that order, each weight {@code weightScale * randn(in, out)} layer by layer from the
 * net's random stream ({@link Builder#random}; numpy's global {@code np.random} by default), so
 * the same seed gives numpy's weights; or takes them as given ({@link Builder#params}) without
 * drawing anything. The loss is the assignment's; the arithmetic below it is one engine
 * ({@link NetPlan}: a plan of ops run on reused buffers with fused epilogues), for every depth,
 * normalization, dropout flavour, mask source and dtype. {@link LayerByLayer} is the same net
 * written with the layer functions, line by line as fc_net.py; tests hold the two equal bit for bit.
 */
public final class FullyConnectedNet implements Model {
    private final int[] hiddenDims;
    private final int inputDim;
    private final int numClasses;
    private double reg;
    private final DType dtype;
    private final Normalization normalization;
    private final int numLayers;
    private final boolean useDropout;
    private final DropoutParam dropoutParam;
    private final MaskSource masks;
    private final NumpyRandom rng;
    private final List<BatchnormParam> bnParams = new ArrayList<>();
    private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
    private final String[] wNames;
    private final String[] bNames;
    private final String[] gammaNames;
    private final String[] betaNames;
    private final long maskKey;
    private long maskStep;
    private NetPlan plan;
    private Workspace workspace;

    private FullyConnectedNet(Builder b) {
        this.hiddenDims = b.hiddenDims.clone();
        this.inputDim = b.inputDim;
        this.numClasses = b.numClasses;
        this.reg = b.reg;
        this.dtype = b.dtype;
        this.normalization = b.normalization;
        this.numLayers = hiddenDims.length + 1;
        this.useDropout = b.dropout != 1;
        this.masks = b.masks;
        this.rng = b.random != null ? b.random : NumpyRandom.global();
        this.dropoutParam = DropoutParam.train(b.dropout).inverted(b.inverted).random(rng);
        if (b.seed != null) {
            dropoutParam.seed(b.seed);
        }
        int[] dims = layerDims();
        wNames = new String[numLayers];
        bNames = new String[numLayers];
        gammaNames = new String[numLayers];
        betaNames = new String[numLayers];
        for (int i = 0; i < numLayers; i++) {
            wNames[i] = "W" + (i + 1);
            bNames[i] = "b" + (i + 1);
            gammaNames[i] = "gamma" + (i + 1);
            betaNames[i] = "beta" + (i + 1);
            if (b.params == null) {
                // self.params['W%d' % (i + 1)] = weight_scale * np.random.randn(dims[i], dims[i + 1])
                double[] w = new double[dims[i] * dims[i + 1]];
                rng.randn(w, 0, w.length);
                scaleInPlace(w, b.weightScale);
                params.put(wNames[i], Tensor.fromDoubles(dtype, w, dims[i], dims[i + 1]));
            } else {
                params.put(wNames[i], Tensor.zeros(dtype, dims[i], dims[i + 1]));
            }
            params.put(bNames[i], Tensor.zeros(dtype, dims[i + 1]));
            if (normalization != Normalization.NONE && i < numLayers - 1) {
                params.put(gammaNames[i], Tensor.ones(dtype, dims[i + 1]));
                params.put(betaNames[i], Tensor.zeros(dtype, dims[i + 1]));
            }
        }
        if (b.params != null) {
            setParams(b.params);
        }
        if (normalization == Normalization.BATCHNORM || normalization == Normalization.LAYERNORM) {
            for (int i = 0; i < numLayers - 1; i++) bnParams.add(BatchnormParam.train());
        }
        if (masks == MaskSource.COUNTER && useDropout) {
            if (!b.inverted) {
                throw new IllegalArgumentException("counter-based dropout masks support inverted dropout only; "
                        + "use MaskSource.NUMPY for vanilla dropout");
            }
            // the mask key: the dropout seed, else one draw from the stream after the weights (0 with given weights)
            this.maskKey = b.seed != null ? b.seed : b.params != null ? 0 : rng.nextInt64();
        } else {
            this.maskKey = 0;
        }
    }

    /**
     * {@code w[k] = w[k] * scale}. A method of its own, not a loop in the constructor: a
     * 1.5-million-weight layer makes that loop hot, and C2 then compiled the whole constructor
     * (on-stack replacement, then a full compile: 0.35 CPU-seconds in JFR {@code jdk.Compilation})
     * while {@code vecnn experiment}'s two nets were already training on both cores.
     */
    private static void scaleInPlace(double[] w, double scale) {
        for (int k = 0; k < w.length; k++) {
            w[k] = w[k] * scale;
        }
    }

    /**
     * The step number the next training pass uses for counter-based masks. With a dropout seed
     * the masks do not advance (every call sees the same masks, as the assignment's seeded
     * dropout_param does); without one, each training pass uses the next step.
     */
    public long maskStep() {
        return maskStep;
    }

    /** Sets the counter-based mask step (for resuming). */
    public void maskStep(long step) {
        if (step < 0) throw new IllegalArgumentException("mask step must be >= 0, got " + step);
        this.maskStep = step;
    }

    /** The counter-based mask key (the dropout seed when one is set). */
    public long maskKey() {
        return maskKey;
    }

    /** Step for this training pass's counter masks; advances unless the dropout param is seeded. */
    long nextMaskStep() {
        return dropoutParam.hasSeed() ? 0 : maskStep++;
    }

    /** The 0/1 keep mask of hidden layer {@code layer} at {@code step}, element by element (reference). */
    Tensor counterKeepMask(int layer, long step, int rows, int cols) {
        Tensor mask = Tensor.zeros(dtype, rows, cols);
        for (int i = 0; i < mask.size(); i++) {
            mask.set(i, DropoutMasks.keep(maskKey, layer, step, dropoutParam.p(), i) ? 1.0 : 0.0);
        }
        return mask;
    }

    /** Starts a net with the given hidden layer sizes (at least one hidden layer not required). */
    public static Builder builder(int... hiddenDims) {
        return new Builder(hiddenDims);
    }

    /** The parameters, in the assignment's order (W1, b1, [gamma1, beta1,] W2, ...). Live, not copies. */
    @Override
    public Map<String, Tensor> params() {
        return params;
    }

    /** Parameter by name; throws naming the known names. */
    public Tensor param(String name) {
        Tensor t = params.get(name);
        if (t == null) throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + params.keySet());
        return t;
    }

    /** Copies {@code values} into the parameters (same names, shapes, dtypes); used to restore best or checkpointed params. */
    @Override
    public void setParams(Map<String, Tensor> values) {
        if (!values.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("parameter names must be " + params.keySet() + ", got " + values.keySet());
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor src = values.get(e.getKey());
            e.getValue().requireSameShape(e.getKey(), src);
            e.getValue().requireSameDType(e.getKey(), src);
            e.getValue().copyFrom(src);
        }
    }

    /**
     * Batchnorm running statistics as {@code running_mean1}, {@code running_var1}, ... (copies;
     * layers that have not run in train mode yet are left out), and {@code mask_step} (one
     * float64) with counter-based dropout masks.
     */
    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (masks == MaskSource.COUNTER && useDropout) {
            out.put("mask_step", Tensor.of(new double[] {maskStep}, 1));
        }
        for (int i = 0; i < bnParams.size(); i++) {
            BatchnormParam bn = bnParams.get(i);
            if (normalization == Normalization.BATCHNORM && bn.runningMean() != null) {
                out.put("running_mean" + (i + 1), bn.runningMean().copy());
                out.put("running_var" + (i + 1), bn.runningVar().copy());
            }
        }
        return out;
    }

    @Override
    public void setBuffers(Map<String, Tensor> buffers) {
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            String key = e.getKey();
            int layer;
            boolean mean;
            if (key.equals("mask_step")) {
                maskStep((long) e.getValue().get(0));
                continue;
            } else if (key.startsWith("running_mean")) {
                layer = parseLayer(key, "running_mean");
                mean = true;
            } else if (key.startsWith("running_var")) {
                layer = parseLayer(key, "running_var");
                mean = false;
            } else {
                throw new IllegalArgumentException("unknown model buffer '" + key + "'; expected running_meanK, running_varK");
            }
            BatchnormParam bn = bnParams.get(layer - 1);
            Tensor gamma = params.get(gammaNames[layer - 1]);
            gamma.requireSameShape(key, e.getValue());
            gamma.requireSameDType(key, e.getValue());
            Tensor mine = mean ? bn.runningMean() : bn.runningVar();
            if (mine == null) {
                bn.runningStats(gamma.zerosLike(), gamma.zerosLike());
                mine = mean ? bn.runningMean() : bn.runningVar();
            }
            mine.copyFrom(e.getValue());
        }
    }

    private int parseLayer(String key, String prefix) {
        int layer;
        try {
            layer = Integer.parseInt(key.substring(prefix.length()));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad model buffer name '" + key + "'");
        }
        if (normalization != Normalization.BATCHNORM || layer < 1 || layer > bnParams.size()) {
            throw new IllegalArgumentException("model buffer '" + key + "' does not exist: the net has "
                    + (normalization == Normalization.BATCHNORM ? bnParams.size() : 0) + " batchnorm layers");
        }
        return layer;
    }

    public int numLayers() { return numLayers; }
    public int[] hiddenDims() { return hiddenDims.clone(); }

    /** Widths of every layer's input and of the output: {@code [D, H1, ..., C]}. */
    int[] layerDims() {
        int[] dims = new int[numLayers + 1];
        dims[0] = inputDim;
        System.arraycopy(hiddenDims, 0, dims, 1, hiddenDims.length);
        dims[numLayers] = numClasses;
        return dims;
    }
    public int inputDim() { return inputDim; }
    public int numClasses() { return numClasses; }
    public double reg() { return reg; }
    public DType dtype() { return dtype; }
    public Normalization normalization() { return normalization; }
    public boolean usesDropout() { return useDropout; }
    /** The shared dropout param (keep probability, seed, flavour). */
    public DropoutParam dropoutParam() { return dropoutParam; }
    public MaskSource maskSource() { return masks; }
    /** One batchnorm param (mode, running stats) per hidden layer; empty without normalization. */
    public List<BatchnormParam> bnParams() { return Collections.unmodifiableList(bnParams); }

    /**
     * fc_net.py's {@code loss, grads = model.loss(X, y)}: train mode (dropout active, batchnorm
     * batch statistics). The gradients are new tensors the caller keeps; a training loop that
     * wants no allocation per step passes its own with {@link #lossInto}.
     */
    @Override
    public LossAndGrads loss(Tensor x, int[] y) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) grads.put(e.getKey(), e.getValue().zerosLike());
        double loss = lossInto(x, y, grads);
        return new LossAndGrads(loss, grads);
    }

    /**
     * The training loss, with every parameter's gradient written into {@code grads} (tensors of
     * the parameters' names, shapes and dtypes, owned by the caller): the zero-allocation form of
     * {@link #loss(Tensor, int[])}, on the engine's reused buffers ({@link NetPlan}).
     */
    @Override
    public double lossInto(Tensor x, int[] y, Map<String, Tensor> grads) {
        if (y == null) throw new IllegalArgumentException("labels y must not be null (use loss(X) for scores)");
        x = checkInput(x);
        Layers.checkLabels("loss", y, x.rows(), numClasses);
        checkGrads(grads);
        setMode(DropoutParam.Mode.TRAIN);
        long step = useDropout && masks == MaskSource.COUNTER ? nextMaskStep() : 0;
        NetPlan plan = plan();
        Workspace ws = workspace();
        ws.begin(x.rows(), x.data(), true);
        ws.trainingArgs(y, grads, step, reg);
        try {
            plan.forward(ws);
            double loss = ws.dataLoss() + regLoss();
            plan.backward(ws);
            return loss;
        } finally {
            ws.end();
        }
    }

    /** fc_net.py's {@code scores = model.loss(X)}: class scores (N, C) in test mode (dropout off, batchnorm running statistics). */
    @Override
    public Tensor loss(Tensor x) {
        x = checkInput(x);
        setMode(DropoutParam.Mode.TEST);
        int n = x.rows();
        Workspace ws = workspace();
        ws.begin(n, x.data(), false);
        try {
            plan().forward(ws);
            Tensor scores = Tensor.zeros(dtype, n, numClasses);
            System.arraycopy(ws.scores(), 0, scores.data(), 0, n * numClasses);
            return scores;
        } finally {
            ws.end();
        }
    }

    private void checkGrads(Map<String, Tensor> grads) {
        if (grads == null) throw new IllegalArgumentException("grads must not be null");
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor g = grads.get(e.getKey());
            if (g == null) {
                throw new IllegalArgumentException("grads must hold a tensor for every parameter " + params.keySet()
                        + "; missing '" + e.getKey() + "'");
            }
            if (!e.getValue().sameShape(g) || e.getValue().dtype() != g.dtype()) { // (no message built per call)
                e.getValue().requireSameShape("grads['" + e.getKey() + "']", g);
                e.getValue().requireSameDType("grads['" + e.getKey() + "']", g);
            }
        }
    }

    /** The compiled plan over this net's live parameters (built on first use). */
    NetPlan plan() {
        if (plan == null) {
            int layers = numLayers;
            Tensor[] w = new Tensor[layers];
            Tensor[] b = new Tensor[layers];
            Tensor[] gamma = new Tensor[layers];
            Tensor[] beta = new Tensor[layers];
            for (int i = 0; i < layers; i++) {
                w[i] = params.get(wNames[i]);
                b[i] = params.get(bNames[i]);
                gamma[i] = params.get(gammaNames[i]);
                beta[i] = params.get(betaNames[i]);
            }
            DropoutSpec dropout = useDropout ? new DropoutSpec(dropoutParam, masks, maskKey) : null;
            plan = NetPlan.compile(layerDims(), dtype, normalization, w, b, gamma, beta, bnParams, dropout);
        }
        return plan;
    }

    private Workspace workspace() {
        if (workspace == null) workspace = plan().newWorkspace();
        return workspace;
    }

    /**
     * Saves the net as a model file ({@link ModelFile}: weights, architecture, dropout mode and
     * keep probability, normalization state), written to a temporary name and renamed.
     */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        ModelFile.write(file, ModelFile.of(this));
    }

    /** A net rebuilt from a model file written by {@link #save} (or {@link ModelFile#write}); draws nothing. */
    public static FullyConnectedNet load(java.nio.file.Path file) throws java.io.IOException {
        return ModelFile.read(file).toNet();
    }

    /** {@code 0.5 * reg * sum(W * W)} over the weights. */
    double regLoss() {
        if (reg == 0) return 0;
        double sum = 0;
        for (String w : wNames) {
            Tensor t = params.get(w);
            double s = 0;
            for (int i = 0; i < t.size(); i++) {
                double v = t.get(i);
                s += v * v;
            }
            sum += 0.5 * reg * s;
        }
        return sum;
    }

    /** {@code dw += reg * w} in the tensors' own precision (numpy's float32 arithmetic for float32). */
    static void addReg(Tensor dw, Tensor w, double reg) {
        if (reg == 0) return;
        if (dw.isFloat32()) {
            float[] g = dw.floats();
            float[] v = w.floats();
            float r = (float) reg;
            for (int k = 0; k < g.length; k++) g[k] += r * v[k];
        } else {
            double[] g = dw.doubles();
            double[] v = w.doubles();
            for (int k = 0; k < g.length; k++) g[k] += reg * v[k];
        }
    }

    void setMode(DropoutParam.Mode mode) {
        dropoutParam.mode(mode);
        for (BatchnormParam bn : bnParams) bn.mode(mode);
    }

    String wName(int layer) { return wNames[layer]; }
    String bName(int layer) { return bNames[layer]; }
    String gammaName(int layer) { return gammaNames[layer]; }
    String betaName(int layer) { return betaNames[layer]; }
    /** The stream the weights and the mask key were drawn from; numpy masks come from {@code dropoutParam().random()}, the same stream unless changed there. */
    public NumpyRandom random() { return rng; }

    /** {@code model.reg = reg}: the L2 strength the next loss uses (>= 0). */
    public void setReg(double reg) {
        this.reg = Builder.checkReg(reg);
    }

    /** numpy's {@code X = X.astype(self.dtype)} after checking the feature count. */
    Tensor checkInput(Tensor x) {
        if (x == null) throw new IllegalArgumentException("X must not be null");
        if (x.rank() < 2 || x.rowLength() != inputDim) {
            throw new IllegalArgumentException("X must have shape (N, " + inputDim + ") or (N, d1, ..., dk) with "
                    + inputDim + " features per row (the net's input_dim), got " + Arrays.toString(x.shape()));
        }
        return x.dtype() == dtype ? x : x.astype(dtype);
    }

    /** Options of the net, named as in the assignment's constructor. */
    public static final class Builder {
        private final int[] hiddenDims;
        private int inputDim = 3 * 32 * 32;
        private int numClasses = 10;
        private double dropout = 1;
        private boolean inverted = true;
        private Normalization normalization = Normalization.NONE;
        private double reg = 0;
        private double weightScale = 1e-2;
        private DType dtype = DType.FLOAT32;
        private Long seed;
        private MaskSource masks = MaskSource.NUMPY;
        private NumpyRandom random;
        private Map<String, Tensor> params;

        private Builder(int[] hiddenDims) {
            if (hiddenDims == null) throw new IllegalArgumentException("hidden dims must not be null");
            for (int h : hiddenDims) {
                if (h < 1) throw new IllegalArgumentException("hidden dims must be >= 1, got " + Arrays.toString(hiddenDims));
            }
            this.hiddenDims = hiddenDims.clone();
        }

        /** Features per input row (default 3 * 32 * 32). */
        public Builder inputDim(int inputDim) {
            if (inputDim < 1) throw new IllegalArgumentException("input dim must be >= 1, got " + inputDim);
            this.inputDim = inputDim;
            return this;
        }

        /** Number of classes (default 10). */
        public Builder numClasses(int numClasses) {
            if (numClasses < 1) throw new IllegalArgumentException("num classes must be >= 1, got " + numClasses);
            this.numClasses = numClasses;
            return this;
        }

        /** Dropout KEEP probability in (0, 1]; 1 (the default) means no dropout layers. */
        public Builder dropout(double keepProbability) {
            this.dropout = DropoutParam.checkKeepProbability(keepProbability);
            return this;
        }

        /** Vanilla dropout (unscaled at train time, x * p at test time) instead of inverted. */
        public Builder vanillaDropout(boolean vanilla) {
            this.inverted = !vanilla;
            return this;
        }

        public Builder normalization(Normalization normalization) {
            if (normalization == null) throw new IllegalArgumentException("normalization must not be null (use NONE)");
            this.normalization = normalization;
            return this;
        }

        /** L2 regularization strength (>= 0). */
        public Builder reg(double reg) {
            this.reg = checkReg(reg);
            return this;
        }

        static double checkReg(double reg) {
            if (!(reg >= 0) || Double.isInfinite(reg)) throw new IllegalArgumentException("reg must be finite and >= 0, got " + reg);
            return reg;
        }

        /**
         * The stream the weights, the numpy-style dropout masks (and their reseeding) and the
         * counter-mask key are drawn from; default {@link NumpyRandom#global()}, numpy's
         * {@code np.random}. Give each net its own to train nets independently.
         */
        public Builder random(NumpyRandom random) {
            if (random == null) throw new IllegalArgumentException("random stream must not be null");
            this.random = random;
            return this;
        }

        /**
         * Start from these parameters (the net's names and shapes: W1, b1, ...; copied, and they
         * must have the net's dtype) instead of drawing weights: nothing is drawn from any stream
         * (with counter masks and no dropout seed the mask key is 0). The notebooks'
         * {@code model.params[...] = ...} pattern.
         */
        public Builder params(Map<String, Tensor> params) {
            if (params == null) throw new IllegalArgumentException("params must not be null");
            this.params = new LinkedHashMap<>(params);
            return this;
        }


        /** Standard deviation of the initial weights (default 1e-2). */
        public Builder weightScale(double weightScale) {
            if (!(weightScale >= 0) || Double.isInfinite(weightScale)) {
                throw new IllegalArgumentException("weight scale must be finite and >= 0, got " + weightScale);
            }
            this.weightScale = weightScale;
            return this;
        }

        public Builder dtype(DType dtype) {
            if (dtype == null) throw new IllegalArgumentException("dtype must not be null");
            this.dtype = dtype;
            return this;
        }

        /** Dropout seed: every dropout layer reseeds with it (as the assignment's dropout_param['seed']). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where training-time dropout masks come from (default NUMPY, the assignment's stream). */
        public Builder maskSource(MaskSource masks) {
            if (masks == null) throw new IllegalArgumentException("dropout masks must not be null");
            this.masks = masks;
            return this;
        }

        /** Builds the net, drawing the weights from the stream unless {@link #params} were given. */
        public FullyConnectedNet build() {
            return new FullyConnectedNet(this);
        }
    }
}
