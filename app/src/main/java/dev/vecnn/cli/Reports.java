package dev.vecnn.cli;

import dev.vecnn.plot.Plot;
import dev.vecnn.train.RunHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files a run leaves in its folder: the notebook's accuracy figure, the loss figure, a CSV
 * of every history and the text table printed at the end.
 */
final class Reports {
    static final String ACCURACY_PNG = "accuracy.png";
    static final String LOSS_PNG = "loss.png";
    static final String HISTORY_CSV = "history.csv";

    private Reports() {}

    /**
     * The notebook's figure: "Train accuracy" and "Val accuracy" against the epoch, one marker
     * series per run, legend "1.00 dropout", "0.25 dropout".
     */
    static void accuracyPlot(List<RunHistory> runs, Path file) throws IOException {
        Plot.Panel train = new Plot.Panel("Train accuracy", "Epoch", "Accuracy");
        Plot.Panel val = new Plot.Panel("Val accuracy", "Epoch", "Accuracy");
        for (RunHistory r : runs) {
            train.add(Plot.Series.indexed(r.label, r.trainAcc, true, false));
            val.add(Plot.Series.indexed(r.label, r.valAcc, true, false));
        }
        Plot.writePng(List.of(train, val), 1100, 480, file);
    }

    /** Training loss per iteration, one series per run. */
    static void lossPlot(List<RunHistory> runs, Path file) throws IOException {
        Plot.Panel loss = new Plot.Panel("Training loss", "Iteration", "Loss").legendUpperRight();
        for (RunHistory r : runs) {
            double[] x = new double[r.loss.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            loss.add(new Plot.Series(r.label, x, r.loss, true, true));
        }
        Plot.writePng(List.of(loss), 1100, 520, file);
    }

    /**
     * Every history in one long-format CSV: {@code run,keep_p,history,step,value} where history is
     * loss (step = iteration, from 1), train_acc or val_acc (step = epoch, from 0).
     */
    static String historyCsv(List<RunHistory> runs) {
        StringBuilder sb = new StringBuilder("run,keep_p,history,step,value\n");
        for (RunHistory r : runs) {
            String head = csvField(r.label) + "," + num(r.keepProb) + ",";
            for (int i = 0; i < r.loss.length; i++) {
                sb.append(head).append("loss,").append(i + 1).append(',').append(num(r.loss[i])).append('\n');
            }
            for (int i = 0; i < r.trainAcc.length; i++) {
                sb.append(head).append("train_acc,").append(i).append(',').append(num(r.trainAcc[i])).append('\n');
            }
            for (int i = 0; i < r.valAcc.length; i++) {
                sb.append(head).append("val_acc,").append(i).append(',').append(num(r.valAcc[i])).append('\n');
            }
        }
        return sb.toString();
    }

    /** The closing table: final and best train/val accuracy per run. */
    static String table(List<RunHistory> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "final train", "final val", "best train", "best val", "seconds"});
        for (RunHistory r : runs) {
            rows.add(new String[] {r.label, f3(r.finalTrainAcc()), f3(r.finalValAcc()), f3(r.bestTrainAcc()),
                f3(r.bestValAcc), String.format(Locale.ROOT, "%.2f", r.seconds)});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? String.format("%-" + w[i] + "s", row[i]) : String.format("%" + w[i] + "s", row[i]);
                sb.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String f3(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    static String num(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
