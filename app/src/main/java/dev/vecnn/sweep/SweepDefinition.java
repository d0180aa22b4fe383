package dev.vecnn.sweep;

import dev.vecnn.train.CifarSubset;
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
 * or cifar-10-binary.tar.gz), {@code images} which of its images every trial uses. Serializable:
 * a Spark task carries it, not the images.
 */
public record SweepDefinition(SearchSpace space, TrainSpec base, String data, CifarSubset images, long seed)
        implements Serializable {
    /** The base spec's values that sweep.json records, by {@link TrainSpec#toMap()}'s names (the space draws the rest). */
    private static final List<String> SHARED = List.of("num_epochs", "batch_size", "update_rule", "lr_decay");
    public SweepDefinition {
        if (data == null || data.isBlank()) {
            throw new SettingException("--data: expected a folder or a .tar.gz, got an empty value");
        }
    }

    /** Trial {@code index}: its values and seed (see {@link SearchSpace#trial}). */
    public TrialConfig trial(int index) {
        return space.trial(base, seed, index);
    }

    /** The definition as sweep.json holds it: seed, space, and the settings every trial shares (the data path as given). */
    public Map<String, Object> toMap() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", data);
        settings.put("split_train", images.splitTrain());
        settings.put("num_train", images.numTrain());
        settings.put("num_val", images.numVal());
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
