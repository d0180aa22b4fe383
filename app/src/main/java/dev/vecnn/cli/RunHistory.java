package dev.vecnn.cli;

/**
 * What one training run leaves behind for the reports: its label (e.g. "1.00 dropout"), its
 * keep probability, the Solver's three histories, the best validation accuracy and its wall time.
 */
final class RunHistory {
    final String label;
    final double keepProb;
    final double[] loss;
    final double[] trainAcc;
    final double[] valAcc;
    final double bestValAcc;
    final double seconds;

    RunHistory(String label, double keepProb, double[] loss, double[] trainAcc, double[] valAcc,
               double bestValAcc, double seconds) {
        this.label = label;
        this.keepProb = keepProb;
        this.loss = loss.clone();
        this.trainAcc = trainAcc.clone();
        this.valAcc = valAcc.clone();
        this.bestValAcc = valAcc.length == 0 ? Double.NaN : bestValAcc; // no check made (e.g. --epochs 0): none
        this.seconds = seconds;
    }

    double finalTrainAcc() {
        return trainAcc.length == 0 ? Double.NaN : trainAcc[trainAcc.length - 1];
    }

    double finalValAcc() {
        return valAcc.length == 0 ? Double.NaN : valAcc[valAcc.length - 1];
    }

    double bestTrainAcc() {
        double best = Double.NaN;
        for (double a : trainAcc) {
            best = Double.isNaN(best) ? a : Math.max(best, a);
        }
        return best;
    }

    /** The notebook's legend text for a keep probability: '%.2f dropout'. */
    static String legend(double keepProb) {
        return String.format(java.util.Locale.ROOT, "%.2f dropout", keepProb);
    }
}
