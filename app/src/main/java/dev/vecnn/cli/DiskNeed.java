package dev.vecnn.cli;

import dev.vecnn.optim.Optim;
import dev.vecnn.tensor.DType;
import dev.vecnn.train.TrainSpec;

/**
 * What a run will write, estimated from its options before it starts, for the free-space check
 * ({@link RunFolder#requireSpace}): a run folder (two plots, history.csv, summary.json) and a
 * checkpoint (every parameter, its best copy and the update rule's state, plus the histories;
 * twice, as the new file is written beside the old before the rename). Generous on purpose:
 * the check should only stop a run that cannot finish.
 */
final class DiskNeed {
    private DiskNeed() {}

    /** A run folder of {@code runs} nets trained for {@code iterations} steps each. */
    static long runFolder(int runs, long iterations) {
        return 300_000L + runs * iterations * 64; // plots + summary; history.csv about 40 bytes a step
    }

    /** One checkpoint file (and its temporary copy while it is rewritten). */
    static long checkpoint(TrainSpec spec, int inputDim, int classes, long iterations) {
        long params = 0;
        long prev = inputDim;
        int[] hidden = spec.hiddenDims();
        for (int i = 0; i <= hidden.length; i++) {
            long next = i < hidden.length ? hidden[i] : classes;
            params += prev * next + 3 * next; // weights, bias, gamma/beta or running statistics
            prev = next;
        }
        int bytes = spec.dtype() == DType.FLOAT64 ? 8 : 4;
        long arrays = 2 + Optim.byName(spec.updateRule()).stateKeys().size(); // params, best, the rule's state
        long file = params * bytes * arrays + iterations * 8 + 64 * 1024;
        return 2 * file;
    }
}
