package dev.vecnn.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every trial of a sweep shares: where the data is and how much of it, and the Solver's
 * fixed options. {@code data} is a path every executor can read (a shared folder or
 * cifar-10-binary.tar.gz); the training images are the first {@code numTrain} of a training split
 * of {@code splitTrain} whose mean image is subtracted (get_CIFAR10_data), the validation images
 * the first {@code numVal} after it. Serializable: a Spark task carries it, not the images.
 */
public record SweepSettings(String data, int splitTrain, int numTrain, int numVal, int epochs, int batchSize,
                            String updateRule, double lrDecay) implements Serializable {

    public SweepSettings {
        if (data == null || data.isBlank()) {
            throw new SearchSpaceException("--data: expected a folder or a .tar.gz, got an empty value");
        }
        range("--split-train", splitTrain, 1, 49999);
        range("--num-train", numTrain, 1, splitTrain);
        range("--num-val", numVal, 1, 50000 - splitTrain);
        range("--epochs", epochs, 1, 100000);
        range("--batch-size", batchSize, 1, numTrain);
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new SearchSpaceException("--lr-decay: expected a value in (0, 1], got " + lrDecay);
        }
        if (!java.util.List.of("sgd", "sgd_momentum", "rmsprop", "adam").contains(updateRule)) {
            throw new SearchSpaceException("--update-rule: expected sgd, sgd_momentum, rmsprop or adam, got '" + updateRule + "'");
        }
    }

    private static void range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new SearchSpaceException(name + ": expected an integer in [" + lo + ", " + hi + "], got " + v);
        }
    }

    /** The settings by name, for sweep.json and summary.json (the data path as given). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("split_train", splitTrain);
        m.put("num_train", numTrain);
        m.put("num_val", numVal);
        m.put("num_epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("update_rule", updateRule);
        m.put("lr_decay", lrDecay);
        return m;
    }
}
