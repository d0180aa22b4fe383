package dev.vecnn.sweep;

import dev.vecnn.plot.Plot;
import dev.vecnn.train.RunHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The course's tuning figure for a hyperparameter sweep (the PNG of {@code vecnn sweep}): best
 * validation accuracy against log10 of the learning rate and against log10 of the weight scale,
 * one marker per trial, coloured by keep probability (each value its own colour when there are
 * at most eight, else bands of 0.2), drawn with {@link Plot}. It takes plain arrays, one value
 * per trial.
 */
public final class TuningPlot {
    private TuningPlot() {}

    /**
     * Writes the figure to {@code file} (atomically). The arrays hold one value per trial, in the
     * same order; trials whose accuracy is NaN (diverged) are left out.
     */
    public static void write(double[] learningRate, double[] weightScale, double[] keepProb, double[] bestValAcc, Path file)
            throws IOException {
        int n = bestValAcc.length;
        if (learningRate.length != n || weightScale.length != n || keepProb.length != n) {
            throw new IllegalArgumentException("learningRate, weightScale, keepProb and bestValAcc must have one value per trial, got "
                    + learningRate.length + ", " + weightScale.length + ", " + keepProb.length + ", " + n);
        }
        TreeMap<Double, Integer> distinct = new TreeMap<>();
        for (double p : keepProb) {
            distinct.merge(p, 1, Integer::sum);
        }
        boolean byValue = distinct.size() <= 8;
        TreeMap<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(bestValAcc[i])) {
                continue;
            }
            groups.computeIfAbsent(group(keepProb[i], byValue), k -> new ArrayList<>()).add(i);
        }
        Plot.Panel lr = new Plot.Panel("Validation accuracy vs learning rate", "log10 learning rate", "best val accuracy");
        Plot.Panel ws = new Plot.Panel("Validation accuracy vs weight scale", "log10 weight scale", "best val accuracy");
        if (crowdedLowerRight(learningRate, bestValAcc)) {
            lr.legendUpperRight();
        }
        if (crowdedLowerRight(weightScale, bestValAcc)) {
            ws.legendUpperRight();
        }
        for (var e : groups.entrySet()) {
            List<Integer> idx = e.getValue();
            double[] xl = new double[idx.size()];
            double[] xw = new double[idx.size()];
            double[] y = new double[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                xl[k] = Math.log10(learningRate[i]);
                xw[k] = Math.log10(weightScale[i]);
                y[k] = bestValAcc[i];
            }
            lr.add(new Plot.Series(e.getKey(), xl, y, true, false));
            ws.add(new Plot.Series(e.getKey(), xw, y, true, false));
        }
        Plot.writePng(List.of(lr, ws), 900, 420, file);
    }

    /**
     * Whether more trials fall in the lower right corner (where the legend goes by default) than
     * in the upper right one, on log10 x: then the legend moves up (matplotlib's 'best', roughly).
     */
    private static boolean crowdedLowerRight(double[] x, double[] y) {
        double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY, ylo = xlo, yhi = xhi;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                double lx = Math.log10(x[i]);
                xlo = Math.min(xlo, lx);
                xhi = Math.max(xhi, lx);
                ylo = Math.min(ylo, y[i]);
                yhi = Math.max(yhi, y[i]);
            }
        }
        int lower = 0;
        int upper = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i]) || Math.log10(x[i]) < xlo + 0.5 * (xhi - xlo)) {
                continue;
            }
            if (y[i] <= ylo + 0.35 * (yhi - ylo)) {
                lower++;
            } else if (y[i] >= ylo + 0.65 * (yhi - ylo)) {
                upper++;
            }
        }
        return lower > upper;
    }

    private static String group(double keep, boolean byValue) {
        if (byValue) {
            return "keep_p " + RunHistory.keepText(keep);
        }
        int band = Math.min(4, (int) (keep * 5));
        return String.format(Locale.ROOT, "keep_p %.1f-%.1f", band / 5.0, (band + 1) / 5.0);
    }
}
