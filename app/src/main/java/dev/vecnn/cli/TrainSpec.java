package dev.vecnn.cli;

import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that defines one training run (net + Solver options), read from the command line's
 * flags with per-command defaults, written into the JSON summary and the checkpoint.
 * {@code keepProb} is the dropout KEEP probability (1 = no dropout), as in the assignment.
 */
final class TrainSpec {
    int[] hiddenDims = {500};
    double keepProb = 1;
    boolean vanillaDropout;
    MaskSource masks = MaskSource.NUMPY;
    Normalization normalization = Normalization.NONE;
    double reg;
    double weightScale = 1e-2;
    DType dtype = DType.FLOAT32;
    String updateRule = "adam";
    double learningRate = 5e-4;
    double lrDecay = 1.0;
    int epochs = 25;
    int batchSize = 100;
    Integer numTrainSamples = 1000;
    int printEvery = 100;

    TrainSpec copy() {
        TrainSpec s = new TrainSpec();
        s.hiddenDims = hiddenDims.clone();
        s.keepProb = keepProb;
        s.vanillaDropout = vanillaDropout;
        s.masks = masks;
        s.normalization = normalization;
        s.reg = reg;
        s.weightScale = weightScale;
        s.dtype = dtype;
        s.updateRule = updateRule;
        s.learningRate = learningRate;
        s.lrDecay = lrDecay;
        s.epochs = epochs;
        s.batchSize = batchSize;
        s.numTrainSamples = numTrainSamples;
        s.printEvery = printEvery;
        return s;
    }

    /** The net this spec describes; its weights are drawn from the global NumpyRandom now. */
    FullyConnectedNet buildNet(int inputDim, int numClasses, NumpyRandom rng) {
        return netBuilder(inputDim, numClasses).random(rng).build();
    }

    /** The net's options; the caller adds the stream (and maybe the parameters) and builds. */
    FullyConnectedNet.Builder netBuilder(int inputDim, int numClasses) {
        return FullyConnectedNet.builder(hiddenDims).inputDim(inputDim).numClasses(numClasses)
                .dropout(keepProb).vanillaDropout(vanillaDropout).maskSource(masks)
                .normalization(normalization).reg(reg).weightScale(weightScale).dtype(dtype);
    }

    /** The model and Solver options, by the assignment's names (for JSON and checkpoints). */
    Map<String, Object> toMap() {
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

    /** What differs between this spec and another, as "name: this vs other" (empty if nothing). */
    String differences(TrainSpec other, boolean ignoreEpochs) {
        Map<String, Object> a = toMap();
        Map<String, Object> b = other.toMap();
        StringBuilder sb = new StringBuilder();
        for (String k : a.keySet()) {
            if (ignoreEpochs && k.equals("num_epochs")) {
                continue;
            }
            String va = text(a.get(k));
            String vb = text(b.get(k));
            if (!va.equals(vb)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(va).append(" vs ").append(vb);
            }
        }
        return sb.toString();
    }

    private static String text(Object v) {
        return v instanceof int[] ? Arrays.toString((int[]) v) : String.valueOf(v);
    }
}
