package dev.vecnn.solver;

import dev.vecnn.random.NumpyRandom;
import dev.vecnn.model.Model;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.optim.UpdateRule;
import dev.vecnn.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The assignment's {@code Solver} (solver.py): minibatch training with an update rule, learning
 * rate decay per epoch, accuracy checks on (a sample of) the training set and the validation
 * set after the first iteration, every epoch and the last iteration, histories, and the best
 * validation parameters restored into the model at the end.
 *
 * <pre>
 *   Solver solver = Solver.builder(model, data)
 *           .numEpochs(25).batchSize(100).updateRule("adam")
 *           .optimConfig(Map.of("learning_rate", 5e-4))
 *           .verbose(System.out).printEvery(100).build();
 *   solver.train();
 * </pre>
 *
 * Minibatches are {@code np.random.choice(num_train, batch_size)} from the Solver's random
 * stream ({@link Builder#random}; by default {@link NumpyRandom#global()}, numpy's
 * {@code np.random}), so a seeded run draws numpy's batches; the accuracy checks subsample from
 * the same stream. The verbose log goes to the PrintStream given, in the assignment's format
 * ({@code (Iteration 1 / 125) loss: 7.856643}). An iteration listener sees every step's loss; a
 * checkpoint hook sees the solver after each accuracy check; {@link #state()} and
 * {@link #restore(SolverState)} carry everything a resume needs, and {@link SolverCheckpoint}
 * stores that as a {@code .npz}.
 */
public final class Solver {
    private final Model model;
    private final SolverData data;
    private final UpdateRule updateRule;
    private final Map<String, Double> optimConfig;
    private final double lrDecay;
    private final int batchSize;
    private final int evalBatchSize;
    private final int numEpochs;
    private final Integer numTrainSamples;
    private final Integer numValSamples;
    private final int printEvery;
    private final PrintStream log;
    private final String checkpointName;
    private final Consumer<Solver> checkpointHook;
    private final IterationListener iterationListener;
    private final NumpyRandom random;

    private int iteration;
    private int epoch;
    private double bestValAcc;
    private Map<String, Tensor> bestParams = new LinkedHashMap<>();
    private final List<Double> lossHistory = new ArrayList<>();
    private final List<Double> trainAccHistory = new ArrayList<>();
    private final List<Double> valAccHistory = new ArrayList<>();
    private final Map<String, OptimConfig> optimConfigs = new LinkedHashMap<>();
    private boolean stopRequested;

    private final List<Tensor> evalBuffers = new ArrayList<>();
    private final int[] batchIndices;
    private final Tensor xBatch;
    private final int[] yBatch;
    private final Map<String, Tensor> grads = new LinkedHashMap<>();

    private Solver(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.updateRule = b.updateRule;
        this.optimConfig = Collections.unmodifiableMap(new LinkedHashMap<>(b.optimConfig));
        this.lrDecay = b.lrDecay;
        this.batchSize = b.batchSize;
        this.evalBatchSize = b.evalBatchSize;
        this.numEpochs = b.numEpochs;
        this.numTrainSamples = b.numTrainSamples;
        this.numValSamples = b.numValSamples;
        this.printEvery = b.printEvery;
        this.log = b.log;
        this.checkpointName = b.checkpointName;
        this.checkpointHook = b.checkpointHook;
        this.iterationListener = b.iterationListener;
        this.random = b.random != null ? b.random : NumpyRandom.global();
        for (String name : model.params().keySet()) {
            OptimConfig c = OptimConfig.of(optimConfig);
            updateRule.checkConfig(c);
            optimConfigs.put(name, c);
        }
        int[] shape = data.xTrain().shape();
        shape[0] = batchSize;
        batchIndices = new int[batchSize];
        xBatch = Tensor.zeros(data.xTrain().dtype(), shape);
        yBatch = new int[batchSize];
        for (Map.Entry<String, Tensor> e : model.params().entrySet()) grads.put(e.getKey(), e.getValue().zerosLike());
    }

    /** Starts a solver for the model and data; see {@link Builder} for the options and defaults. */
    public static Builder builder(Model model, SolverData data) {
        return new Builder(model, data);
    }

    /** Number of training iterations: {@code num_epochs * max(num_train / batch_size, 1)}. */
    public int numIterations() {
        return numEpochs * iterationsPerEpoch();
    }

    public int iterationsPerEpoch() {
        return Math.max(data.xTrain().rows() / batchSize, 1);
    }

    /**
     * Runs the remaining iterations (all of them for a new solver, the rest after
     * {@link #restore}). At the end the model holds the best validation parameters. Throws
     * {@link SolverDivergedException} if a loss is NaN or infinite.
     */
    public void train() {
        int perEpoch = iterationsPerEpoch();
        int total = numIterations();
        stopRequested = false;
        while (iteration < total) {
            int t = iteration;
            double loss = step(t, total);
            iteration = t + 1;
            boolean epochEnd = (t + 1) % perEpoch == 0;
            if (epochEnd) {
                epoch++;
                for (OptimConfig c : optimConfigs.values()) {
                    double lr = c.has("learning_rate") ? c.get("learning_rate") : defaultLearningRate();
                    c.set("learning_rate", lr * lrDecay);
                }
            }
            if (iterationListener != null) iterationListener.onIteration(this, t + 1, loss);
            if (log != null && t % printEvery == 0) {
                log.println("(Iteration " + (t + 1) + " / " + total + ") loss: " + PyFormat.f(loss));
            }
            boolean check = t == 0 || t == total - 1 || epochEnd;
            if (check) {
                double trainAcc = checkAccuracy(data.xTrain(), data.yTrain(), numTrainSamples, evalBatchSize);
                double valAcc = checkAccuracy(data.xVal(), data.yVal(), numValSamples, evalBatchSize);
                trainAccHistory.add(trainAcc);
                valAccHistory.add(valAcc);
                if (log != null) {
                    log.println("(Epoch " + epoch + " / " + numEpochs + ") train acc: " + PyFormat.f(trainAcc)
                            + "; val_acc: " + PyFormat.f(valAcc));
                }
                if (valAcc > bestValAcc) {
                    bestValAcc = valAcc;
                    keepBest(model.params());
                }
                if (checkpointHook != null) checkpointHook.accept(this);
            }
            if (stopRequested && iteration < total) return;
        }
        if (!bestParams.isEmpty()) model.setParams(bestParams);
    }

    /** Asks {@link #train()} to return after the current iteration (e.g. from the checkpoint hook). */
    public void requestStop() {
        stopRequested = true;
    }

    private double defaultLearningRate() {
        return updateRule == Optim.ADAM ? 1e-3 : 1e-2;
    }

    /** One minibatch update (the assignment's {@code _step}); t is 0-based. Returns the loss. */
    private double step(int t, int total) {
        int numTrain = data.xTrain().rows();
        random.choice(numTrain, true, batchIndices, 0, batchSize);
        gatherRows(data.xTrain(), batchIndices, batchSize, xBatch);
        for (int i = 0; i < batchSize; i++) yBatch[i] = data.yTrain()[batchIndices[i]];
        double loss = model.lossInto(xBatch, yBatch, grads);
        lossHistory.add(loss);
        if (!Double.isFinite(loss)) {
            String kept;
            if (!bestParams.isEmpty()) {
                model.setParams(bestParams);
                kept = "the model holds the best parameters so far (val acc " + PyFormat.f(bestValAcc) + ")";
            } else {
                kept = "no accuracy check had run yet; the model keeps its last finite parameters";
            }
            iteration = t;
            throw new SolverDivergedException("loss is " + loss + " at iteration " + (t + 1) + " / " + total
                    + " (epoch " + epoch + "); training stopped before applying that update; " + kept
                    + ". Try a smaller learning rate or weight scale.", t + 1, loss);
        }
        for (Map.Entry<String, Tensor> e : model.params().entrySet()) {
            Tensor dw = grads.get(e.getKey());
            if (dw == null) throw new IllegalStateException("model returned no gradient for parameter '" + e.getKey() + "'");
            updateRule.update(e.getValue(), dw, optimConfigs.get(e.getKey()));
        }
        return loss;
    }

    /**
     * The assignment's {@code check_accuracy}: if {@code numSamples} is set and smaller than N,
     * evaluate on {@code np.random.choice(N, num_samples)} rows (drawn from the Solver's random
     * stream); predict in batches; return the
     * fraction of correct argmax predictions. When all rows fit one batch and none are sampled,
     * the model gets {@code x} itself (numpy's {@code X[start:end]} is a view too), so a model's
     * {@code loss(x)} must not write into its input.
     */
    public double checkAccuracy(Tensor x, int[] y, Integer numSamples, int batch) {
        int n = x.rows();
        if (y.length != n) throw new IllegalArgumentException("y must have " + n + " labels, got " + y.length);
        if (batch < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        int[] rows = null;
        if (numSamples != null && n > numSamples) {
            rows = new int[numSamples];
            random.choice(n, true, rows, 0, numSamples);
            n = numSamples;
        }
        int correct = 0;
        int numBatches = (n + batch - 1) / batch;
        int[] shape = x.shape();
        for (int bi = 0; bi < numBatches; bi++) {
            int start = bi * batch;
            int end = Math.min(n, start + batch);
            shape[0] = end - start;
            int[] idx = new int[end - start];
            for (int i = start; i < end; i++) idx[i - start] = rows == null ? i : rows[i];
            Tensor xb;
            if (rows == null && start == 0 && end == x.rows()) {
                xb = x; // every row in order: the forward pass reads the data itself (no copy)
            } else {
                xb = evalBuffer(x.dtype(), shape);
                gatherRows(x, idx, idx.length, xb);
            }
            Tensor scores = model.loss(xb);
            int classes = scores.dim(1);
            for (int i = 0; i < idx.length; i++) {
                int best = 0;
                double bestScore = scores.get(i * classes);
                for (int c = 1; c < classes; c++) {
                    double s = scores.get(i * classes + c);
                    if (s > bestScore || (s != s && bestScore == bestScore)) {
                        best = c;
                        bestScore = s;
                    }
                }
                if (best == y[idx[i]]) correct++;
            }
        }
        return (double) correct / n;
    }

    /** A reused input buffer of the given shape (the checks alternate between two or three shapes). */
    private Tensor evalBuffer(dev.vecnn.tensor.DType dtype, int[] shape) {
        for (Tensor t : evalBuffers) {
            if (t.dtype() == dtype && java.util.Arrays.equals(t.shape(), shape)) return t;
        }
        Tensor t = Tensor.zeros(dtype, shape);
        if (evalBuffers.size() == 4) evalBuffers.remove(0);
        evalBuffers.add(t);
        return t;
    }

    private static void gatherRows(Tensor src, int[] rows, int count, Tensor dst) {
        int len = src.rowLength();
        Object s = src.data();
        Object d = dst.data();
        for (int i = 0; i < count; i++) {
            System.arraycopy(s, rows[i] * len, d, i * len, len);
        }
    }

    /**
     * Copies {@code params} into the best-parameter copy, into its tensors after the first (the
     * model's parameters and a restored checkpoint's copy have the same names and shapes; a run
     * finds a new best many times; a fresh 6 MB copy each time was a third of
     * the experiment's garbage and set off collections while it trained).
     */
    private void keepBest(Map<String, Tensor> params) {
        if (bestParams.isEmpty()) {
            bestParams = copyOf(params);
            return;
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) bestParams.get(e.getKey()).copyFrom(e.getValue());
    }

    private static Map<String, Tensor> copyOf(Map<String, Tensor> params) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) copy.put(e.getKey(), e.getValue().copy());
        return copy;
    }

    // ------------------------------------------------------------ accessors (histories, checkpoints)

    public Model model() { return model; }
    public UpdateRule updateRule() { return updateRule; }
    public double lrDecay() { return lrDecay; }
    public int batchSize() { return batchSize; }
    public int numEpochs() { return numEpochs; }
    public int printEvery() { return printEvery; }
    public String checkpointName() { return checkpointName; }
    /** Iterations completed so far. */
    public int iteration() { return iteration; }
    /** Epochs completed so far. */
    public int epoch() { return epoch; }
    public double bestValAcc() { return bestValAcc; }
    /** The loss of every iteration so far (read-only). */
    public List<Double> lossHistory() { return Collections.unmodifiableList(lossHistory); }
    public List<Double> trainAccHistory() { return Collections.unmodifiableList(trainAccHistory); }
    public List<Double> valAccHistory() { return Collections.unmodifiableList(valAccHistory); }
    /**
     * The best validation parameters so far (read-only; empty before the first check). A live
     * view: a later best is copied into the same tensors, so copy them to keep a snapshot.
     */
    public Map<String, Tensor> bestParams() { return Collections.unmodifiableMap(bestParams); }
    /** Every parameter's update-rule config and state (live; read-only map). */
    public Map<String, OptimConfig> optimConfigs() { return Collections.unmodifiableMap(optimConfigs); }

    /**
     * A deep-copied snapshot of everything a resume needs (see {@link SolverState}); its random
     * state is that of the Solver's own stream ({@link Builder#random}, by default the global
     * NumpyRandom as it was when the Solver was built).
     */
    public SolverState state() {
        Map<String, OptimConfig> configs = new LinkedHashMap<>();
        for (Map.Entry<String, OptimConfig> e : optimConfigs.entrySet()) configs.put(e.getKey(), e.getValue().copy());
        return new SolverState(copyOf(model.params()), model.buffers(), configs, iteration, epoch,
                List.copyOf(lossHistory), List.copyOf(trainAccHistory), List.copyOf(valAccHistory),
                bestValAcc, copyOf(bestParams), random.getState());
    }

    /**
     * Puts a snapshot back: model parameters and buffers, update-rule configs and state, position,
     * histories, best parameters, and the random state, into the Solver's own stream
     * ({@link Builder#random}). Training then continues as if never interrupted.
     *
     * @throws IllegalArgumentException if the iteration is out of range, the configs are for
     *         other parameters, or, after one iteration or more, a parameter lacks state its
     *         update rule keeps ({@link dev.vecnn.optim.UpdateRule#stateKeys()}, e.g. Adam's m)
     */
    public void restore(SolverState s) {
        if (s.iteration() < 0 || s.iteration() > numIterations()) {
            throw new IllegalArgumentException("checkpoint iteration must be in [0, " + numIterations() + "], got " + s.iteration());
        }
        if (!s.optimConfigs().keySet().equals(optimConfigs.keySet())) {
            throw new IllegalArgumentException("checkpoint optim configs must be for parameters " + optimConfigs.keySet()
                    + ", got " + s.optimConfigs().keySet());
        }
        if (s.iteration() > 0) {
            for (Map.Entry<String, OptimConfig> e : s.optimConfigs().entrySet()) {
                for (String key : updateRule.stateKeys()) {
                    if (e.getValue().state(key) == null) {
                        throw new IllegalArgumentException("checkpoint optim state for parameter '" + e.getKey() + "' must hold '"
                                + key + "' (update rule " + updateRule.name() + " after " + s.iteration()
                                + " iterations keeps " + updateRule.stateKeys() + "), got " + e.getValue().states().keySet());
                    }
                }
                // The first step stores every hyperparameter (setdefault), decayed ones included: a
                // missing one would silently restart from the rule's default.
                for (String key : updateRule.hyperparameterKeys()) {
                    if (!e.getValue().has(key)) {
                        throw new IllegalArgumentException("checkpoint optim config for parameter '" + e.getKey() + "' must hold '"
                                + key + "' (update rule " + updateRule.name() + " after " + s.iteration()
                                + " iterations keeps " + updateRule.hyperparameterKeys() + "), got "
                                + e.getValue().hyperparameters().keySet());
                    }
                }
            }
        }
        // Every array the same shape and dtype as the model's parameter (the model's own check
        // would blame the model; a wrong update-rule state would only fail in the next step).
        for (Map.Entry<String, Tensor> p : model.params().entrySet()) {
            String name = p.getKey();
            requireLike(p.getValue(), s.params().get(name), "checkpoint parameter '" + name + "'");
            if (!s.bestParams().isEmpty()) { // restored into the model at the end of the run
                requireLike(p.getValue(), s.bestParams().get(name), "checkpoint best-validation copy 'best_" + name + "'");
            }
            OptimConfig c = s.optimConfigs().get(name);
            for (Map.Entry<String, Tensor> st : c == null ? Map.<String, Tensor>of().entrySet() : c.states().entrySet()) {
                requireLike(p.getValue(), st.getValue(), "checkpoint optim state '" + st.getKey() + "' of parameter '" + name + "'");
            }
        }
        model.setParams(s.params());
        model.setBuffers(s.modelBuffers());
        for (Map.Entry<String, OptimConfig> e : s.optimConfigs().entrySet()) {
            updateRule.checkConfig(e.getValue());
            optimConfigs.put(e.getKey(), e.getValue().copy());
        }
        iteration = s.iteration();
        epoch = s.epoch();
        lossHistory.clear();
        lossHistory.addAll(s.lossHistory());
        trainAccHistory.clear();
        trainAccHistory.addAll(s.trainAccHistory());
        valAccHistory.clear();
        valAccHistory.addAll(s.valAccHistory());
        bestValAcc = s.bestValAcc();
        bestParams = copyOf(s.bestParams());
        if (s.rngState() != null) random.setState(s.rngState());
    }

    private static void requireLike(Tensor expected, Tensor actual, String what) {
        if (actual == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!java.util.Arrays.equals(actual.shape(), expected.shape()) || actual.dtype() != expected.dtype()) {
            throw new IllegalArgumentException(what + " must be " + expected.dtype() + " of shape "
                    + java.util.Arrays.toString(expected.shape()) + " (the model's), got " + actual.dtype() + " of shape "
                    + java.util.Arrays.toString(actual.shape()));
        }
    }

    /** Every label in [0, classes), naming the set and the row of the first one that is not. */
    private static void checkLabels(String set, String name, int[] y, int classes) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("the " + set + " labels " + name + " must be in [0, "
                        + (classes == Integer.MAX_VALUE ? "the number of classes" : Integer.toString(classes))
                        + ") (the model's classes), got " + name + "[" + i + "] = " + y[i] + " (row " + i
                        + " of the " + set + " set)");
            }
        }
    }

    /** Rows per forward pass in the accuracy checks unless {@link Builder#evalBatchSize} says otherwise. */
    public static final int DEFAULT_EVAL_BATCH = 1000;

    /** Solver options with the assignment's defaults. */
    public static final class Builder {
        private final Model model;
        private final SolverData data;
        private UpdateRule updateRule = Optim.SGD;
        private Map<String, Double> optimConfig = Map.of();
        private double lrDecay = 1.0;
        private int batchSize = 100;
        private int evalBatchSize = DEFAULT_EVAL_BATCH;
        private int numEpochs = 10;
        private Integer numTrainSamples = 1000;
        private Integer numValSamples;
        private int printEvery = 10;
        private PrintStream log;
        private String checkpointName;
        private Consumer<Solver> checkpointHook;
        private IterationListener iterationListener;
        private NumpyRandom random;

        private Builder(Model model, SolverData data) {
            if (model == null) throw new IllegalArgumentException("model must not be null");
            if (data == null) throw new IllegalArgumentException("data must not be null");
            this.model = model;
            this.data = data;
        }

        /** sgd (default), sgd_momentum, rmsprop or adam. */
        public Builder updateRule(String name) {
            this.updateRule = Optim.byName(name);
            return this;
        }

        public Builder updateRule(UpdateRule rule) {
            if (rule == null) throw new IllegalArgumentException("update rule must not be null");
            this.updateRule = rule;
            return this;
        }

        /** Hyperparameters given to the update rule for every parameter, e.g. learning_rate. */
        public Builder optimConfig(Map<String, Double> config) {
            if (config == null) throw new IllegalArgumentException("optim config must not be null");
            this.optimConfig = config;
            return this;
        }

        /** Learning rate multiplier after each epoch (default 1.0). */
        public Builder lrDecay(double lrDecay) {
            if (!(lrDecay > 0) || Double.isInfinite(lrDecay)) {
                throw new IllegalArgumentException("lr_decay must be finite and > 0, got " + lrDecay);
            }
            this.lrDecay = lrDecay;
            return this;
        }

        /** Minibatch size (default 100). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Rows per forward pass in the accuracy checks (default 1000; the assignment's
         * check_accuracy uses 100). Only memory and speed depend on it: each row's scores are
         * computed the same way whatever the batch, so the accuracies are identical (tested).
         */
        public Builder evalBatchSize(int rows) {
            if (rows < 1) throw new IllegalArgumentException("eval batch size must be >= 1, got " + rows);
            this.evalBatchSize = rows;
            return this;
        }

        /** Number of epochs (default 10). */
        public Builder numEpochs(int numEpochs) {
            if (numEpochs < 0) throw new IllegalArgumentException("num_epochs must be >= 0, got " + numEpochs);
            this.numEpochs = numEpochs;
            return this;
        }

        /** Training rows sampled for the train-accuracy check (default 1000; null = all). */
        public Builder numTrainSamples(Integer n) {
            if (n != null && n < 1) throw new IllegalArgumentException("num_train_samples must be >= 1 or null, got " + n);
            this.numTrainSamples = n;
            return this;
        }

        /** Validation rows sampled for the val-accuracy check (default null = all). */
        public Builder numValSamples(Integer n) {
            if (n != null && n < 1) throw new IllegalArgumentException("num_val_samples must be >= 1 or null, got " + n);
            this.numValSamples = n;
            return this;
        }

        /** Log the loss every this many iterations (default 10). */
        public Builder printEvery(int printEvery) {
            if (printEvery < 1) throw new IllegalArgumentException("print_every must be >= 1, got " + printEvery);
            this.printEvery = printEvery;
            return this;
        }

        /** verbose=True: the log goes to this stream (null = quiet, the default here). */
        public Builder verbose(PrintStream out) {
            this.log = out;
            return this;
        }

        /** The checkpoint name (the caller's hook decides where and how to write). */
        public Builder checkpointName(String name) {
            this.checkpointName = name;
            return this;
        }

        /** Called after every accuracy check (where the assignment saves its checkpoint). */
        public Builder onCheckpoint(Consumer<Solver> hook) {
            this.checkpointHook = hook;
            return this;
        }

        /**
         * Called after every training step with the solver, the iterations done (1-based) and
         * that step's loss; see {@link IterationListener#onIteration} for exactly when. Null (the
         * default) for none.
         */
        public Builder onIteration(IterationListener listener) {
            this.iterationListener = listener;
            return this;
        }

        /**
         * The stream the Solver draws its minibatches ({@code choice}) and the accuracy checks'
         * subsamples from, and whose state {@link Solver#state()} saves and
         * {@link Solver#restore} puts back. Default: {@link NumpyRandom#global()} as it is when
         * {@link #build()} runs (numpy's {@code np.random}, so the notebook's code reads the same).
         * The model's own draws (weights, dropout masks) are the model's business, not this.
         */
        public Builder random(NumpyRandom rng) {
            if (rng == null) throw new IllegalArgumentException("random stream must not be null");
            this.random = rng;
            return this;
        }

        public Solver build() {
            if (data.xTrain().rowLength() != data.xVal().rowLength()) {
                throw new IllegalArgumentException("X_val rows must have " + data.xTrain().rowLength() + " features, got " + data.xVal().rowLength());
            }
            // Every label once, here: a bad one would otherwise surface (or not) only when a
            // minibatch happens to draw its row, named by its position in that minibatch.
            int classes = model instanceof dev.vecnn.model.FullyConnectedNet
                    ? ((dev.vecnn.model.FullyConnectedNet) model).numClasses() : Integer.MAX_VALUE;
            checkLabels("training", "y_train", data.yTrain(), classes);
            checkLabels("validation", "y_val", data.yVal(), classes);
            return new Solver(this);
        }
    }
}
