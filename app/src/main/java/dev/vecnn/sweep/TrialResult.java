package dev.vecnn.sweep;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one trial gives back: its configuration, the Solver's histories (loss per iteration,
 * train and validation accuracy per check), the best validation accuracy, whether the loss
 * diverged (the histories then end there), the wall time, and the model file's bytes of the best
 * parameters (null once stored, or when read back from a trial file). Small apart from the model.
 */
public record TrialResult(TrialConfig config, double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
                          double bestValAcc, boolean diverged, double seconds, byte[] model) implements Serializable {

    /** The same result without the model bytes (what the driver keeps per trial). */
    public TrialResult withoutModel() {
        return new TrialResult(config, lossHistory, trainAccHistory, valAccHistory, bestValAcc, diverged, seconds, null);
    }

    /** Final training accuracy (NaN when there is none). */
    public double finalTrainAcc() {
        return trainAccHistory.length == 0 ? Double.NaN : trainAccHistory[trainAccHistory.length - 1];
    }

    /**
     * Same trial, same numbers: configuration, histories and best accuracy bit for bit (not the
     * wall time, not the model bytes).
     */
    public boolean sameNumbers(TrialResult o) {
        return config.equals(o.config) && Arrays.equals(lossHistory, o.lossHistory)
                && Arrays.equals(trainAccHistory, o.trainAccHistory) && Arrays.equals(valAccHistory, o.valAccHistory)
                && Double.compare(bestValAcc, o.bestValAcc) == 0 && diverged == o.diverged;
    }

    /** Ranks results: higher best validation accuracy first, then lower trial index. */
    public static int byBest(TrialResult a, TrialResult b) {
        int c = Double.compare(b.bestValAcc, a.bestValAcc);
        return c != 0 ? c : Integer.compare(a.config.index(), b.config.index());
    }

    /** The trial file's content (config, histories, accuracies). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(config.toMap());
        m.put("best_val_acc", bestValAcc);
        m.put("diverged", diverged);
        m.put("seconds", seconds);
        m.put("loss_history", lossHistory);
        m.put("train_acc_history", trainAccHistory);
        m.put("val_acc_history", valAccHistory);
        return m;
    }
}
