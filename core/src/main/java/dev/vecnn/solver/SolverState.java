package dev.vecnn.solver;

import dev.vecnn.optim.OptimConfig;
import dev.vecnn.random.MT19937State;
import dev.vecnn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Everything a checkpoint needs to resume a Solver bit-identically, as plain values: the
 * model's parameters, every parameter's update-rule config and state (learning rate after
 * decay, Adam's m, v and t, ...), the position (iterations done, epoch), the histories, the
 * best validation accuracy and its parameters, and the state of the Solver's random stream.
 * Snapshots are deep copies. {@link SolverCheckpoint} writes one to a {@code .npz} and reads it
 * back.
 *
 * @param modelBuffers the model's non-parameter state ({@link dev.vecnn.model.Model#buffers()})
 * @param rngState the state of the stream the Solver draws minibatches from
 *                 ({@link Solver.Builder#random}, by default the global NumpyRandom:
 *                 {@code np.random.get_state()}); null for none
 */
public record SolverState(
        Map<String, Tensor> params,
        Map<String, Tensor> modelBuffers,
        Map<String, OptimConfig> optimConfigs,
        int iteration,
        int epoch,
        List<Double> lossHistory,
        List<Double> trainAccHistory,
        List<Double> valAccHistory,
        double bestValAcc,
        Map<String, Tensor> bestParams,
        MT19937State rngState) {}
