package dev.vecnn.cli;

import dev.vecnn.train.TrainSpec;
import java.io.PrintStream;

/**
 * One warning line each for options the assignment allows but that make a run useless or slow,
 * printed to stderr before the data is loaded: all-zero initial weights, more kernel threads
 * than cores, minibatches larger than the training set.
 */
final class RunWarnings {
    private RunWarnings() {}

    static void print(PrintStream err, String prefix, TrainSpec spec, int numTrain, Flags f) {
        if (spec.weightScale() == 0 && spec.hiddenDims().length > 0) {
            err.println(prefix + ": warning: --weight-scale 0 starts every weight at 0: the hidden units stay identical"
                    + " (their gradients are equal), so the net learns no more than chance; try 1e-3 or 1e-2");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (f.given("threads") && f.integer("threads", 1, 4096) > cores) {
            err.println(prefix + ": warning: --threads " + f.integer("threads", 1, 4096) + " is more than the " + cores
                    + " cores this JVM may use: the kernel threads take turns on them and the run is slower; --threads "
                    + cores + " or fewer");
        }
        if (spec.batchSize() > numTrain) {
            err.println(prefix + ": warning: --batch-size " + spec.batchSize() + " is more than the " + numTrain
                    + " training images: each epoch is one minibatch of " + spec.batchSize() + " drawn with replacement"
                    + " (the assignment's Solver samples so), so an epoch is a single step; --batch-size " + numTrain
                    + " or less gives more steps");
        }
    }
}
