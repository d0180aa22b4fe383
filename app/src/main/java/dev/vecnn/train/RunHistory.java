package dev.vecnn.train;

/**
 * What one training run leaves behind for the reports: its label (e.g. "1.00 dropout"), its
 * keep probability, the Solver's three histories, the best validation accuracy and its wall time.
 */
public final class RunHistory {
    public final String label;
    public final double keepProb;
    public final double[] loss;
    public final double[] trainAcc;
    public final double[] valAcc;
    public final double bestValAcc;
    public final double seconds;

    public RunHistory(String label, double keepProb, double[] loss, double[] trainAcc, double[] valAcc,
               double bestValAcc, double seconds) {
        this.label = label;
        this.keepProb = keepProb;
        this.loss = loss.clone();
        this.trainAcc = trainAcc.clone();
        this.valAcc = valAcc.clone();
        this.bestValAcc = valAcc.length == 0 ? Double.NaN : bestValAcc; // no check made (e.g. --epochs 0): none
        this.seconds = seconds;
    }

    public double finalTrainAcc() {
        return trainAcc.length == 0 ? Double.NaN : trainAcc[trainAcc.length - 1];
    }

    public double finalValAcc() {
        return valAcc.length == 0 ? Double.NaN : valAcc[valAcc.length - 1];
    }

    public double bestTrainAcc() {
        double best = Double.NaN;
        for (double a : trainAcc) {
            best = Double.isNaN(best) ? a : Math.max(best, a);
        }
        return best;
    }

    /** The notebook's legend text for a keep probability: '%.2f dropout'. */
    public static String legend(double keepProb) {
        return String.format(java.util.Locale.ROOT, "%.2f dropout", keepProb);
    }

    /** A keep probability as Python prints the notebook's list [1, 0.25]: "1", "0.25". */
    public static String keepText(double keepProb) {
        if (keepProb == Math.rint(keepProb) && Math.abs(keepProb) < 1e15) {
            return Long.toString((long) keepProb);
        }
        return dev.vecnn.solver.PyFormat.repr(keepProb);
    }
}
