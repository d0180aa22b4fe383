package dev.vecnn.sweep;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import dev.vecnn.train.TrainSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's results: the table (sorted by best validation accuracy, ties by trial index),
 * trials.csv (one row per trial, in index order), summary.json and tuning.png, all written into
 * the sweep's folder through temporary files and renames.
 */
public final class SweepReport {
    /** Name of the CSV file. */
    public static final String CSV = "trials.csv";
    /** Name of the summary. */
    public static final String SUMMARY = "summary.json";
    /** Name of the tuning figure. */
    public static final String PLOT = "tuning.png";

    private SweepReport() {}

    /** The results ranked: best validation accuracy first, then lower index. */
    public static List<TrialResult> ranked(Iterable<TrialResult> results) {
        List<TrialResult> list = new ArrayList<>();
        results.forEach(list::add);
        list.sort(TrialResult::byBest);
        return list;
    }

    /** The table printed at the end, best first; {@code limit} rows at most (0: all). */
    public static String table(List<TrialResult> ranked, int limit) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%4s %6s %13s %13s %10s %7s %-10s %-9s %8s %11s%n", "rank", "trial",
                "learning_rate", "weight_scale", "reg", "keep_p", "hidden", "norm", "best_val", "final_train"));
        int rows = limit > 0 ? Math.min(limit, ranked.size()) : ranked.size();
        for (int k = 0; k < rows; k++) {
            TrialResult r = ranked.get(k);
            TrialConfig c = r.config();
            sb.append(String.format(Locale.ROOT, "%4d %6d %13.4e %13.4e %10.3g %7.4f %-10s %-9s %8s %11s%n", k + 1, c.index(),
                    c.spec().learningRate(), c.spec().weightScale(), c.spec().reg(), c.spec().keepProb(), c.hiddenText(),
                    c.spec().normalization().name().toLowerCase(Locale.ROOT), r.diverged() ? "diverged" : acc(r.bestValAcc()),
                    acc(r.finalTrainAcc())));
        }
        if (rows < ranked.size()) {
            sb.append("(").append(ranked.size() - rows).append(" more in ").append(CSV).append(")\n");
        }
        return sb.toString();
    }

    private static String acc(double a) {
        return Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.4f", a);
    }

    /** trials.csv: one row per trial in index order, full precision (Double.toString). */
    public static String csv(Iterable<TrialResult> byIndex) {
        StringBuilder sb = new StringBuilder("trial,seed,learning_rate,weight_scale,reg,dropout_keep_p,hidden_dims,"
                + "normalization,best_val_acc,final_train_acc,final_val_acc,diverged,seconds\n");
        for (TrialResult r : byIndex) {
            TrialConfig c = r.config();
            double[] val = r.valAccHistory();
            TrainSpec s = c.spec();
            sb.append(c.index()).append(',').append(c.seed()).append(',').append(s.learningRate()).append(',')
                    .append(s.weightScale()).append(',').append(s.reg()).append(',').append(s.keepProb()).append(',')
                    .append(c.hiddenText()).append(',').append(s.normalization().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(r.bestValAcc()).append(',').append(r.finalTrainAcc()).append(',')
                    .append(val.length == 0 ? Double.NaN : val[val.length - 1]).append(',').append(r.diverged()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes trials.csv, summary.json ({@code run} adds what the caller knows: master, timings)
     * and tuning.png for every finished trial of {@code folder}.
     */
    public static void write(SweepFolder folder, SweepDefinition sweep, int trials, Map<String, Object> run)
            throws IOException {
        Map<Integer, TrialResult> done = folder.done();
        List<TrialResult> ranked = ranked(done.values());
        AtomicFiles.writeString(folder.dir().resolve(CSV), csv(done.values()));
        Map<String, Object> s = new LinkedHashMap<>(sweep.toMap());
        s.put("trials", trials);
        s.put("trials_done", done.size());
        TrialResult best = folder.best();
        s.put("best_trial", best == null ? null : best.config().toMap());
        s.put("best_val_acc", best == null ? null : best.bestValAcc());
        s.put("best_model", best == null ? null : SweepFolder.BEST_MODEL);
        List<Object> top = new ArrayList<>();
        for (TrialResult r : ranked.subList(0, Math.min(10, ranked.size()))) {
            Map<String, Object> m = new LinkedHashMap<>(r.config().toMap());
            m.put("best_val_acc", r.bestValAcc());
            m.put("diverged", r.diverged());
            top.add(m);
        }
        s.put("top", top);
        s.putAll(run);
        AtomicFiles.writeString(folder.dir().resolve(SUMMARY), Json.write(s));
        int n = done.size();
        double[] lr = new double[n];
        double[] ws = new double[n];
        double[] keep = new double[n];
        double[] val = new double[n];
        int k = 0;
        for (TrialResult r : done.values()) {
            lr[k] = r.config().spec().learningRate();
            ws[k] = r.config().spec().weightScale();
            keep[k] = r.config().spec().keepProb();
            val[k] = r.diverged() ? Double.NaN : r.bestValAcc();
            k++;
        }
        TuningPlot.write(lr, ws, keep, val, folder.dir().resolve(PLOT));
    }
}
