package dev.vecnn.sweep;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import dev.vecnn.layers.Normalization;
import dev.vecnn.train.TrainSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A sweep's output folder, which is also its resume state. Every file is written to a temporary
 * name and renamed ({@link AtomicFiles}), so an interrupted sweep leaves only whole files:
 *
 * <pre>
 *   sweep.json            the sweep's definition (space, settings, seed): a rerun must match it
 *   trials/trial-000007.json   one per finished trial: values, seed, histories, best val acc
 *   best_model.npz        the best trial's model file (best parameters, mean image)
 *   trials.csv, summary.json, tuning.png   written when the sweep ends
 * </pre>
 *
 * A rerun of the same sweep reads the trial files and runs only the trials that have none; asking
 * for more trials than before adds trials (trial i never changes). The best model is written
 * before its trial file, so the model on disk is never older than the trial files say.
 */
public final class SweepFolder {
    /** Name of the definition file. */
    public static final String DEFINITION = "sweep.json";
    /** Name of the best model's file. */
    public static final String BEST_MODEL = "best_model.npz";

    private final Path dir;
    private final Map<Integer, TrialResult> done = new TreeMap<>();
    private TrialResult best;

    private SweepFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (creating) {@code dir} for {@code sweep}. Throws {@link SearchSpaceException} if the
     * folder holds a different sweep.
     */
    public static SweepFolder open(Path dir, SweepDefinition sweep) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SearchSpaceException("--out " + dir + " is a file, not a folder");
        }
        Files.createDirectories(dir.resolve("trials"));
        String text = Json.write(sweep.toMap());
        Path defFile = dir.resolve(DEFINITION);
        if (Files.exists(defFile)) {
            String old = Files.readString(defFile);
            if (!old.equals(text)) {
                throw new SearchSpaceException("--out " + dir + " holds a different sweep (" + differences(old, text)
                        + "): choose another --out or repeat that sweep's options to resume it");
            }
        } else {
            AtomicFiles.writeString(defFile, text);
        }
        SweepFolder f = new SweepFolder(dir);
        try (Stream<Path> files = Files.list(dir.resolve("trials"))) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("trial-") && name.endsWith(".json")) {
                    TrialResult r = read(p, sweep.base());
                    f.done.put(r.config().index(), r);
                    f.noteBest(r);
                }
            }
        }
        return f;
    }

    private static String differences(String oldText, String newText) {
        Map<?, ?> a = flat((Map<?, ?>) Json.parse(oldText));
        Map<?, ?> b = flat((Map<?, ?>) Json.parse(newText));
        StringBuilder sb = new StringBuilder();
        for (Object k : b.keySet()) {
            Object va = a.get(k);
            Object vb = b.get(k);
            if (!String.valueOf(va).equals(String.valueOf(vb))) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(va).append(" there vs ").append(vb);
            }
        }
        return sb.length() == 0 ? "its sweep.json differs" : sb.toString();
    }

    private static Map<String, Object> flat(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map) {
                out.putAll(flat((Map<?, ?>) e.getValue()));
            } else {
                out.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    public Path dir() { return dir; }

    /** The finished trials by index (read from the folder, plus those recorded since). */
    public synchronized Map<Integer, TrialResult> done() {
        return new TreeMap<>(done);
    }

    /** The indices in [0, trials) that have no result yet, in order. */
    public synchronized List<Integer> todo(int trials) {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            if (!done.containsKey(i)) {
                t.add(i);
            }
        }
        return t;
    }

    /** The best finished trial so far, or null. */
    public synchronized TrialResult best() {
        return best;
    }

    /**
     * Stores a finished trial: first the model file if it is the best so far, then the trial file.
     * Keeps the result without its model bytes.
     */
    public synchronized void record(TrialResult r) throws IOException {
        if (isBetter(r) && r.model() != null) {
            byte[] bytes = r.model();
            AtomicFiles.write(dir.resolve(BEST_MODEL), out -> out.write(bytes));
        }
        AtomicFiles.writeString(trialFile(r.config().index()), Json.write(r.toMap()));
        TrialResult kept = r.withoutModel();
        done.put(r.config().index(), kept);
        noteBest(kept);
    }

    private boolean isBetter(TrialResult r) {
        return !r.diverged() && (best == null || TrialResult.byBest(r, best) < 0);
    }

    private void noteBest(TrialResult r) {
        if (isBetter(r)) {
            best = r;
        }
    }

    Path trialFile(int index) {
        return dir.resolve("trials").resolve(String.format(Locale.ROOT, "trial-%06d.json", index));
    }

    /** Reads a trial file of a sweep whose trials start from {@code base} back (no model bytes). */
    static TrialResult read(Path file, TrainSpec base) throws IOException {
        Map<?, ?> m;
        try {
            m = (Map<?, ?>) Json.parse(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a trial file: " + e.getMessage(), e);
        }
        try {
            List<?> dimsList = (List<?>) m.get("hidden_dims");
            int[] dims = new int[dimsList.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = ((Number) dimsList.get(i)).intValue();
            }
            TrainSpec spec = base.toBuilder().learningRate(num(m, "learning_rate")).weightScale(num(m, "weight_scale"))
                    .reg(num(m, "reg")).keepProb(num(m, "dropout_keep_p")).hiddenDims(dims)
                    .normalization(Normalization.valueOf(((String) m.get("normalization")).toUpperCase(Locale.ROOT))).build();
            TrialConfig c = new TrialConfig(((Number) m.get("trial")).intValue(), ((Number) m.get("seed")).longValue(), spec);
            return new TrialResult(c, nums(m, "loss_history"), nums(m, "train_acc_history"), nums(m, "val_acc_history"),
                    num(m, "best_val_acc"), (Boolean) m.get("diverged"), num(m, "seconds"), null);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a trial file (" + e + ")", e);
        }
    }

    private static double num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null && !m.containsKey(key)) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static double[] nums(Map<?, ?> m, String key) {
        List<?> list = (List<?>) m.get(key);
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i) == null ? Double.NaN : ((Number) list.get(i)).doubleValue();
        }
        return a;
    }
}
