package dev.vecnn.cli;

import dev.vecnn.train.RunHistory;
import dev.vecnn.train.TrainSpec;

/**
 * The floating-point work of a training run's matrix products, counted from the shapes (2 flops
 * per multiply-add), the way the engine runs them:
 *
 * <pre>
 *   training step, per row of the batch:
 *     forward    out = in @ W             for every layer        2 * in * out
 *     backward   dW  = in.T @ dout        for every layer        2 * in * out
 *                din = dout @ W.T         every layer but the first (its input is the data)
 *   accuracy check, per row evaluated:
 *     forward                             for every layer        2 * in * out
 * </pre>
 *
 * Bias, ReLU, dropout, normalization, softmax and the update rule are not counted: with the
 * notebook's net (3072-500-10, batch 100) they are under 1% of the products' flops. The count
 * for the experiment's defaults is 394.746 GFLOP (two nets of 125 steps and 26 checks each).
 */
final class Arithmetic {
    private Arithmetic() {}

    /** Multiply-adds of one row through the net's products: sum of in * out over the layers. */
    static long forwardMacsPerRow(int inputDim, int[] hiddenDims, int numClasses) {
        long macs = 0;
        int in = inputDim;
        for (int h : hiddenDims) {
            macs += (long) in * h;
            in = h;
        }
        return macs + (long) in * numClasses;
    }

    /** Multiply-adds of the input gradients (every layer but the first): one row. */
    static long inputGradMacsPerRow(int inputDim, int[] hiddenDims, int numClasses) {
        return forwardMacsPerRow(inputDim, hiddenDims, numClasses) - (long) inputDim * (hiddenDims.length == 0 ? numClasses : hiddenDims[0]);
    }

    /**
     * Flops of a run that did {@code steps} training steps of {@code batch} rows and
     * {@code checks} accuracy checks of {@code rowsPerCheck} rows (training sample plus validation).
     */
    static double runFlops(int inputDim, int[] hiddenDims, int numClasses, long steps, int batch,
                           long checks, long rowsPerCheck) {
        long forward = forwardMacsPerRow(inputDim, hiddenDims, numClasses);
        long step = 2 * forward + inputGradMacsPerRow(inputDim, hiddenDims, numClasses);
        return 2.0 * ((double) steps * batch * step + (double) checks * rowsPerCheck * forward);
    }

    /**
     * Rows one accuracy check evaluates: the Solver's training sample ({@code numTrainSamples}
     * rows when set and smaller than the training set) plus the whole validation set.
     */
    static long rowsPerCheck(int numTrain, Integer numTrainSamples, int numVal) {
        int trainRows = numTrainSamples != null && numTrain > numTrainSamples ? numTrainSamples : numTrain;
        return (long) trainRows + numVal;
    }

    /** The flops of one finished (or stopped) run of {@code spec}, read from its history's lengths. */
    static double runFlops(RunHistory run, TrainSpec spec, int inputDim, int numClasses, int numTrain, int numVal) {
        return runFlops(inputDim, spec.hiddenDims(), numClasses, run.loss.length, spec.batchSize(),
                run.trainAcc.length, rowsPerCheck(numTrain, spec.numTrainSamples(), numVal));
    }
}
