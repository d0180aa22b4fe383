package dev.vecnn.cli;

import dev.vecnn.data.DataException;
import dev.vecnn.data.NpyArray;
import dev.vecnn.data.NpyType;
import dev.vecnn.data.Npz;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.random.MT19937State;
import dev.vecnn.solver.SolverState;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint as a numpy {@code .npz} (written to a temporary file, then renamed):
 * {@code np.load("ckpt.npz")} shows the parameters under their assignment names and the rest
 * under plain prefixes.
 *
 * <pre>
 *   W1, b1, W2, b2, ...                  model parameters (float32/float64)
 *   best_W1, best_b1, ...                the best-validation parameters so far
 *   optim_W1_learning_rate, ...          update-rule hyperparameters (0-d float64)
 *   optim_W1_m, optim_W1_v, optim_W1_t   update-rule state (Adam's m, v and step t)
 *   buffer_running_mean1, ...            model buffers: batch-norm running statistics (when used)
 *   solver_iteration, solver_epoch       iterations and epochs done (int64)
 *   solver_best_val_acc                  best validation accuracy so far
 *   loss_history, train_acc_history, val_acc_history
 *   rng_key, rng_pos, rng_has_gauss, rng_cached_gaussian
 *                                        np.random.get_state() of the global NumpyRandom
 *   vecnn_args                           the run's options as text: bytes(z['vecnn_args']).decode()
 *   vecnn_checkpoint_version             1
 * </pre>
 *
 * Put back into a Solver built with the same options, a checkpoint continues the run
 * bit-identically.
 */
final class Checkpoint {
    static final int VERSION = 1;

    /** A checkpoint read back. */
    static final class Loaded {
        final List<String> args;
        final SolverState state;

        Loaded(List<String> args, SolverState state) {
            this.args = args;
            this.state = state;
        }
    }

    private Checkpoint() {}

    /** Writes the Solver's state and the run's options to {@code file}. */
    static void save(Path file, List<String> args, SolverState s) throws IOException {
        Map<String, NpyArray> z = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : s.params().entrySet()) {
            z.put(e.getKey(), array(e.getValue()));
        }
        for (Map.Entry<String, Tensor> e : s.bestParams().entrySet()) {
            z.put("best_" + e.getKey(), array(e.getValue()));
        }
        for (Map.Entry<String, OptimConfig> e : s.optimConfigs().entrySet()) {
            String prefix = "optim_" + e.getKey() + "_";
            OptimConfig c = e.getValue();
            for (Map.Entry<String, Double> h : c.hyperparameters().entrySet()) {
                z.put(prefix + h.getKey(), scalar(h.getValue()));
            }
            for (Map.Entry<String, Tensor> st : c.states().entrySet()) {
                z.put(prefix + st.getKey(), array(st.getValue()));
            }
            z.put(prefix + "t", scalar(c.t()));
        }
        for (Map.Entry<String, Tensor> e : s.modelBuffers().entrySet()) {
            z.put("buffer_" + e.getKey(), array(e.getValue()));
        }
        z.put("solver_iteration", scalar(s.iteration()));
        z.put("solver_epoch", scalar(s.epoch()));
        z.put("solver_best_val_acc", scalar(s.bestValAcc()));
        z.put("loss_history", NpyArray.vector(toArray(s.lossHistory())));
        z.put("train_acc_history", NpyArray.vector(toArray(s.trainAccHistory())));
        z.put("val_acc_history", NpyArray.vector(toArray(s.valAccHistory())));
        if (s.rngState() instanceof MT19937State) {
            MT19937State r = (MT19937State) s.rngState();
            long[] key = new long[MT19937State.KEY_LENGTH];
            for (int i = 0; i < key.length; i++) {
                key[i] = r.keyUnsigned(i);
            }
            z.put("rng_key", NpyArray.of(key, key.length));
            z.put("rng_pos", scalar(r.pos()));
            z.put("rng_has_gauss", scalar(r.hasGauss() ? 1 : 0));
            z.put("rng_cached_gaussian", scalar(r.gauss()));
        }
        byte[] text = String.join("\n", args).getBytes(StandardCharsets.UTF_8);
        z.put("vecnn_args", NpyArray.ofUnsignedBytes(text, text.length));
        z.put("vecnn_checkpoint_version", scalar(VERSION));
        Npz.write(file, z);
    }

    /**
     * Reads a checkpoint. Anything that is not a complete vecnn checkpoint fails with a
     * {@link DataException} naming the file and what is wrong.
     */
    static Loaded load(Path file) throws IOException {
        Map<String, NpyArray> z = Npz.read(file);
        String where = "checkpoint " + file;
        long version = longScalar(z, "vecnn_checkpoint_version", where);
        if (version != VERSION) {
            throw new DataException(where + ": format version " + version + ", this vecnn reads version " + VERSION);
        }
        NpyArray argsArray = need(z, "vecnn_args", where, NpyType.UINT8);
        List<String> args = new ArrayList<>();
        for (String line : new String(argsArray.unsignedBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                args.add(line);
            }
        }
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        Map<String, OptimConfig> optim = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : z.entrySet()) {
            String k = e.getKey();
            if (k.matches("(W|b|gamma|beta)\\d+")) {
                params.put(k, tensor(e.getValue(), k, where));
            } else if (k.startsWith("best_")) {
                best.put(k.substring(5), tensor(e.getValue(), k, where));
            } else if (k.startsWith("buffer_")) {
                buffers.put(k.substring(7), tensor(e.getValue(), k, where));
            }
        }
        if (params.isEmpty()) {
            throw new DataException(where + ": no parameters (W1, b1, ...) in it; is it a vecnn checkpoint?");
        }
        for (String p : params.keySet()) {
            optim.put(p, new OptimConfig());
        }
        for (Map.Entry<String, NpyArray> e : z.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("optim_")) {
                continue;
            }
            String rest = k.substring(6);
            int cut = rest.indexOf('_');
            OptimConfig c = cut < 0 ? null : optim.get(rest.substring(0, cut));
            if (c == null) {
                throw new DataException(where + ": '" + k + "' names no parameter of the checkpoint " + params.keySet());
            }
            String key = rest.substring(cut + 1);
            NpyArray a = e.getValue();
            if (key.equals("t")) {
                c.t(longScalar(z, k, where));
            } else if (a.shape().length == 0 && a.type() == NpyType.FLOAT64) {
                c.set(key, a.doubles()[0]);
            } else {
                c.putState(key, tensor(a, k, where));
            }
        }
        MT19937State rng = null;
        if (z.containsKey("rng_key")) {
            long[] key = need(z, "rng_key", where, NpyType.INT64).longs();
            if (key.length != MT19937State.KEY_LENGTH) {
                throw new DataException(where + ": rng_key must have " + MT19937State.KEY_LENGTH + " words, got " + key.length);
            }
            int[] words = new int[key.length];
            for (int i = 0; i < key.length; i++) {
                if (key[i] < 0 || key[i] > 0xFFFFFFFFL) {
                    throw new DataException(where + ": rng_key[" + i + "] must be a uint32, got " + key[i]);
                }
                words[i] = (int) key[i];
            }
            long pos = longScalar(z, "rng_pos", where);
            if (pos < 0 || pos > MT19937State.KEY_LENGTH) {
                throw new DataException(where + ": rng_pos must be in [0, 624], got " + pos);
            }
            rng = new MT19937State(words, (int) pos, longScalar(z, "rng_has_gauss", where) != 0,
                    doubleScalar(z, "rng_cached_gaussian", where));
        }
        long iteration = longScalar(z, "solver_iteration", where);
        long epoch = longScalar(z, "solver_epoch", where);
        if (iteration < 0 || iteration > Integer.MAX_VALUE || epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new DataException(where + ": solver position must be non-negative, got iteration " + iteration + ", epoch " + epoch);
        }
        double[] loss = need(z, "loss_history", where, NpyType.FLOAT64).doubles();
        if (loss.length != iteration) {
            throw new DataException(where + ": loss_history has " + loss.length + " values but solver_iteration is " + iteration);
        }
        SolverState state = new SolverState(params, buffers, optim, (int) iteration, (int) epoch, toList(loss),
                toList(need(z, "train_acc_history", where, NpyType.FLOAT64).doubles()),
                toList(need(z, "val_acc_history", where, NpyType.FLOAT64).doubles()),
                doubleScalar(z, "solver_best_val_acc", where), best, rng);
        return new Loaded(args, state);
    }

    private static NpyArray need(Map<String, NpyArray> z, String key, String where, NpyType type) throws DataException {
        NpyArray a = z.get(key);
        if (a == null) {
            throw new DataException(where + ": the array '" + key + "' is missing; is it a vecnn checkpoint?");
        }
        if (a.type() != type) {
            throw new DataException(where + ": '" + key + "' must be " + type.descr() + ", got " + a.type().descr());
        }
        return a;
    }

    private static long longScalar(Map<String, NpyArray> z, String key, String where) throws DataException {
        NpyArray a = need(z, key, where, NpyType.INT64);
        if (a.size() != 1) {
            throw new DataException(where + ": '" + key + "' must hold one value, got shape " + Arrays.toString(a.shape()));
        }
        return a.longs()[0];
    }

    private static double doubleScalar(Map<String, NpyArray> z, String key, String where) throws DataException {
        NpyArray a = need(z, key, where, NpyType.FLOAT64);
        if (a.size() != 1) {
            throw new DataException(where + ": '" + key + "' must hold one value, got shape " + Arrays.toString(a.shape()));
        }
        return a.doubles()[0];
    }

    private static Tensor tensor(NpyArray a, String key, String where) throws DataException {
        int[] shape = a.shape();
        if (a.type() == NpyType.FLOAT32) {
            return Tensor.of(a.floats().clone(), shape);
        }
        if (a.type() == NpyType.FLOAT64) {
            return Tensor.of(a.doubles().clone(), shape);
        }
        throw new DataException(where + ": '" + key + "' must be float32 or float64, got " + a.type().descr());
    }

    private static NpyArray array(Tensor t) {
        return t.isFloat32() ? NpyArray.of(t.floats().clone(), t.shape()) : NpyArray.of(t.doubles().clone(), t.shape());
    }

    private static NpyArray scalar(double v) {
        return NpyArray.of(new double[] {v});
    }

    private static NpyArray scalar(long v) {
        return NpyArray.of(new long[] {v});
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static List<Double> toList(double[] values) {
        List<Double> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(v);
        }
        return l;
    }
}
