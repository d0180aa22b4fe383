package dev.vecnn.sweep;

import dev.vecnn.train.SettingException;
import dev.vecnn.train.TrainSpec;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What identifies a sweep (its {@code sweep.json}; not the number of trials): the search space,
 * the {@link TrainSpec} every trial starts from (the Solver's options; the space draws the rest),
 * the images and the sweep seed. {@code data} is a path every executor can read (a shared folder
 * or cifar-10-binary.tar.gz); the training images are the first {@code numTrain} of a training
 * split of {@code splitTrain} whose mean image is subtracted (get_CIFAR10_data), the validation
 * images the first {@code numVal} after it. Serializable: a Spark task carries it, not the images.
 */
public record SweepDefinition(SearchSpace space, TrainSpec base, String data, int splitTrain, int numTrain, int numVal,
                              long seed) implements Serializable {
    /** The base spec's values that sweep.json records, by {@link TrainSpec#toMap()}'s names (the space draws the rest). */
    private static final List<String> SHARED = List.of("num_epochs", "batch_size", "update_rule", "lr_decay");
    /** CIFAR-10's training batches: the split and the validation images are taken from them. */
    private static final int TRAINING_IMAGES = 50000;

    public SweepDefinition {
        if (data == null || data.isBlank()) {
            throw new SettingException("--data: expected a folder or a .tar.gz, got an empty value");
        }
        SettingException.requireIn("--split-train", splitTrain, 1, TRAINING_IMAGES - 1);
        SettingException.requireIn("--num-train", numTrain, 1, splitTrain);
        SettingException.requireIn("--num-val", numVal, 1, TRAINING_IMAGES - splitTrain);
    }

    /** Trial {@code index}: its values and seed (see {@link SearchSpace#trial}). */
    public TrialConfig trial(int index) {
        return space.trial(base, seed, index);
    }

    /** The definition as sweep.json holds it: seed, space, and the settings every trial shares (the data path as given). */
    public Map<String, Object> toMap() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", data);
        settings.put("split_train", splitTrain);
        settings.put("num_train", numTrain);
        settings.put("num_val", numVal);
        Map<String, Object> spec = base.toMap();
        for (String k : SHARED) {
            settings.put(k, spec.get(k));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("space", space.toMap());
        m.put("settings", settings);
        return m;
    }
}
