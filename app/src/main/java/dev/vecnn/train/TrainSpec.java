package dev.vecnn.train;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.MaskSource;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines one training run (the net and the Solver's options), the same for
 * {@code vecnn experiment}, {@code train} and every trial of {@code sweep}. Immutable and checked
 * here, once: a spec that exists is valid, whichever command built it (flags, a checkpoint's
 * options, a search space's draw). Each message names the flag that sets the value. Change a
 * value with {@link #toBuilder()}. {@code keepProb} is the dropout KEEP probability (1 = no
 * dropout), as in the assignment; {@code numTrainSamples} null means the whole training set.
 */
public record TrainSpec(int[] hiddenDims, double keepProb, boolean vanillaDropout, MaskSource masks,
                        Normalization normalization, double reg, double weightScale, DType dtype, String updateRule,
                        double learningRate, double lrDecay, int epochs, int batchSize, Integer numTrainSamples,
                        int printEvery) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Solver's update rules, by the assignment's names. */
    public static final List<String> UPDATE_RULES = List.of("sgd", "sgd_momentum", "rmsprop", "adam");

    /** The notebook's section 5: FullyConnectedNet([500]), Adam at 5e-4, 25 epochs of 100-image batches. */
    public static final TrainSpec NOTEBOOK = new Builder().build();

    public TrainSpec {
        hiddenDims = Objects.requireNonNull(hiddenDims, "hiddenDims").clone();
        for (int h : hiddenDims) {
            if (h < 1) {
                throw new SettingException("--hidden values must be >= 1, got " + h);
            }
        }
        String keepProblem = KeepProbability.problem("--keep-p", keepProb);
        if (keepProblem != null) {
            throw new SettingException(keepProblem);
        }
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(dtype, "dtype");
        SettingException.requireIn("--reg", reg, 0, true, Double.POSITIVE_INFINITY, false);
        SettingException.requireIn("--weight-scale", weightScale, 0, true, Double.POSITIVE_INFINITY, false);
        SettingException.requireOneOf("--update-rule", updateRule, UPDATE_RULES);
        SettingException.requireIn("--lr", learningRate, 0, true, Double.POSITIVE_INFINITY, false);
        SettingException.requireIn("--lr-decay", lrDecay, 0, false, Double.POSITIVE_INFINITY, false);
        SettingException.requireIn("--epochs", epochs, 0, 1_000_000);
        SettingException.requireIn("--batch-size", batchSize, 1, 1_000_000);
        if (numTrainSamples != null) {
            SettingException.requireIn("--num-train-samples", numTrainSamples, 1, Integer.MAX_VALUE);
        }
        SettingException.requireIn("--print-every", printEvery, 1, Integer.MAX_VALUE);
    }

    @Override
    public int[] hiddenDims() {
        return hiddenDims.clone();
    }

    /** Hidden sizes joined by {@code separator}: "100,50" as --hidden takes them, "100x50" as a sweep's --hidden. */
    public String hiddenText(String separator) {
        StringBuilder sb = new StringBuilder();
        for (int h : hiddenDims) {
            sb.append(sb.length() == 0 ? "" : separator).append(h);
        }
        return sb.toString();
    }

    /** The net this spec describes; its weights are drawn from {@code rng} now. */
    public FullyConnectedNet buildNet(int inputDim, int numClasses, NumpyRandom rng) {
        return netBuilder(inputDim, numClasses).random(rng).build();
    }

    /** The net's options; the caller adds the stream (and maybe the parameters) and builds. */
    public FullyConnectedNet.Builder netBuilder(int inputDim, int numClasses) {
        return FullyConnectedNet.builder(hiddenDims).inputDim(inputDim).numClasses(numClasses)
                .dropout(keepProb).vanillaDropout(vanillaDropout).maskSource(masks)
                .normalization(normalization).reg(reg).weightScale(weightScale).dtype(dtype);
    }

    /** The model and Solver options, by the assignment's names (for JSON and checkpoints). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden_dims", hiddenDims.clone());
        m.put("dropout_keep_p", keepProb);
        m.put("dropout_mode", vanillaDropout ? "vanilla" : "inverted");
        m.put("dropout_masks", masks.name().toLowerCase(Locale.ROOT));
        m.put("normalization", normalization.name().toLowerCase(Locale.ROOT));
        m.put("reg", reg);
        m.put("weight_scale", weightScale);
        m.put("dtype", dtype.numpyName());
        m.put("update_rule", updateRule);
        m.put("learning_rate", learningRate);
        m.put("lr_decay", lrDecay);
        m.put("num_epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("num_train_samples", numTrainSamples);
        m.put("print_every", printEvery);
        return m;
    }

    /** Iterations of a run: {@code epochs * max(numTrain / batchSize, 1)}, as the Solver counts. */
    public long iterations(int numTrain) {
        return (long) epochs * Math.max(numTrain / batchSize, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainSpec && Arrays.equals(hiddenDims, ((TrainSpec) o).hiddenDims)
                && scalars().equals(((TrainSpec) o).scalars());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hiddenDims) + scalars().hashCode();
    }

    /** Every component but the hidden sizes, boxed (Double.equals compares bits, as a record would). */
    private List<Object> scalars() {
        return Arrays.asList(keepProb, vanillaDropout, masks, normalization, reg, weightScale, dtype, updateRule,
                learningRate, lrDecay, epochs, batchSize, numTrainSamples, printEvery);
    }

    @Override
    public String toString() {
        Map<String, Object> m = toMap();
        m.put("hidden_dims", hiddenText(","));
        return "TrainSpec" + m;
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from the notebook's values ({@link #NOTEBOOK}). */
    public static Builder builder() {
        return new Builder(NOTEBOOK);
    }

    /** A spec under construction; {@link #build()} checks it. */
    public static final class Builder {
        private int[] hiddenDims = {500};
        private double keepProb = 1;
        private boolean vanillaDropout;
        private MaskSource masks = MaskSource.NUMPY;
        private Normalization normalization = Normalization.NONE;
        private double reg;
        private double weightScale = 1e-2;
        private DType dtype = DType.FLOAT32;
        private String updateRule = "adam";
        private double learningRate = 5e-4;
        private double lrDecay = 1.0;
        private int epochs = 25;
        private int batchSize = 100;
        private Integer numTrainSamples = 1000;
        private int printEvery = 100;

        private Builder() {}

        private Builder(TrainSpec s) {
            hiddenDims = s.hiddenDims;
            keepProb = s.keepProb;
            vanillaDropout = s.vanillaDropout;
            masks = s.masks;
            normalization = s.normalization;
            reg = s.reg;
            weightScale = s.weightScale;
            dtype = s.dtype;
            updateRule = s.updateRule;
            learningRate = s.learningRate;
            lrDecay = s.lrDecay;
            epochs = s.epochs;
            batchSize = s.batchSize;
            numTrainSamples = s.numTrainSamples;
            printEvery = s.printEvery;
        }

        public Builder hiddenDims(int... v) { hiddenDims = v.clone(); return this; }
        public Builder keepProb(double v) { keepProb = v; return this; }
        public Builder vanillaDropout(boolean v) { vanillaDropout = v; return this; }
        public Builder masks(MaskSource v) { masks = v; return this; }
        public Builder normalization(Normalization v) { normalization = v; return this; }
        public Builder reg(double v) { reg = v; return this; }
        public Builder weightScale(double v) { weightScale = v; return this; }
        public Builder dtype(DType v) { dtype = v; return this; }
        public Builder updateRule(String v) { updateRule = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder lrDecay(double v) { lrDecay = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        /** Training images sampled for the train-accuracy check; null: all of them. */
        public Builder numTrainSamples(Integer v) { numTrainSamples = v; return this; }
        public Builder printEvery(int v) { printEvery = v; return this; }

        /** The spec; a {@link SettingException} naming the flag if a value is not valid. */
        public TrainSpec build() {
            return new TrainSpec(hiddenDims, keepProb, vanillaDropout, masks, normalization, reg, weightScale, dtype,
                    updateRule, learningRate, lrDecay, epochs, batchSize, numTrainSamples, printEvery);
        }
    }
}
