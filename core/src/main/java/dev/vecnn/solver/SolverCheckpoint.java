package dev.vecnn.solver;

import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.NpyType;
import dev.vecnn.io.Npz;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.random.MT19937State;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SolverState} as a numpy {@code .npz} (written to a temporary file, then renamed, so a
 * crash never leaves half a checkpoint): {@code np.load("ckpt.npz")} shows the parameters under
 * their assignment names and the rest under plain prefixes.
 *
 * <pre>
 *   W1, b1, W2, b2, ...                  model parameters (float32/float64)
 *   best_W1, best_b1, ...                the best-validation parameters so far
 *   optim_W1_learning_rate, ...          update-rule hyperparameters (0-d float64)
 *   optim_W1_m, optim_W1_v, optim_W1_t   update-rule state (Adam's m, v and step t)
 *   running_mean1, running_var1, ...     model buffers (batch-norm running statistics, when used),
 *                                        under the model's own names
 *   solver_iteration, solver_epoch       iterations and epochs done (int64)
 *   solver_best_val_acc                  best validation accuracy so far
 *   loss_history, train_acc_history, val_acc_history
 *   rng_key, rng_pos, rng_has_gauss, rng_cached_gaussian
 *                                        the Solver's random state (np.random.get_state())
 *   vecnn_*                              the caller's extras as bytes (uint8), e.g. the CLI's
 *                                        vecnn_args: bytes(z['vecnn_args']).decode()
 *   vecnn_checkpoint_version             1
 * </pre>
 *
 * Put back into a Solver built with the same options ({@link Solver#restore}), a checkpoint
 * continues the run bit-identically.
 */
public final class SolverCheckpoint {
    /** The format version this class writes and reads ({@code vecnn_checkpoint_version}). */
    public static final int VERSION = 1;
    /** Names of the caller's extras start with this. */
    public static final String EXTRA_PREFIX = "vecnn_";
    private static final String VERSION_NAME = "vecnn_checkpoint_version";

    /**
     * A checkpoint read back: the solver's state and the caller's extras (read-only, in file
     * order, by their full names such as {@code vecnn_args}).
     */
    public record Contents(SolverState state, Map<String, byte[]> extras) {}

    private SolverCheckpoint() {}

    /**
     * Writes {@code state} and the caller's {@code extras} to {@code file} through a temporary
     * file and a rename.
     *
     * @param extras bytes stored as uint8 arrays; every name must start with {@code vecnn_}
     *               (and not be {@code vecnn_checkpoint_version}); may be empty
     * @throws IllegalArgumentException if an extra's name is not allowed or its bytes are null,
     *               or a model buffer's name clashes with the format's own names
     */
    public static void save(Path file, SolverState state, Map<String, byte[]> extras) throws IOException {
        if (file == null) throw new IllegalArgumentException("checkpoint file must not be null");
        if (state == null) throw new IllegalArgumentException("solver state must not be null");
        if (extras == null) throw new IllegalArgumentException("extras must not be null (use Map.of())");
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            String k = e.getKey();
            if (k == null || !k.startsWith(EXTRA_PREFIX) || k.length() == EXTRA_PREFIX.length() || k.equals(VERSION_NAME)) {
                throw new IllegalArgumentException("extra array names must start with '" + EXTRA_PREFIX
                        + "' and not be '" + VERSION_NAME + "', got '" + k + "'");
            }
            if (e.getValue() == null) throw new IllegalArgumentException("extra '" + k + "' must not be null");
        }
        Map<String, NpyArray> z = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.params().entrySet()) {
            z.put(e.getKey(), array(e.getValue()));
        }
        for (Map.Entry<String, Tensor> e : state.bestParams().entrySet()) {
            z.put("best_" + e.getKey(), array(e.getValue()));
        }
        for (Map.Entry<String, OptimConfig> e : state.optimConfigs().entrySet()) {
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
        for (Map.Entry<String, Tensor> e : state.modelBuffers().entrySet()) {
            if (z.containsKey(e.getKey()) || !isBufferName(e.getKey())) {
                throw new IllegalArgumentException("model buffer '" + e.getKey() + "' clashes with the checkpoint's own names");
            }
            z.put(e.getKey(), array(e.getValue()));
        }
        z.put("solver_iteration", scalar(state.iteration()));
        z.put("solver_epoch", scalar(state.epoch()));
        z.put("solver_best_val_acc", scalar(state.bestValAcc()));
        z.put("loss_history", NpyArray.vector(toArray(state.lossHistory())));
        z.put("train_acc_history", NpyArray.vector(toArray(state.trainAccHistory())));
        z.put("val_acc_history", NpyArray.vector(toArray(state.valAccHistory())));
        if (state.rngState() != null) {
            MT19937State r = state.rngState();
            long[] key = new long[MT19937State.KEY_LENGTH];
            for (int i = 0; i < key.length; i++) {
                key[i] = r.keyUnsigned(i);
            }
            z.put("rng_key", NpyArray.of(key, key.length));
            z.put("rng_pos", scalar(r.pos()));
            z.put("rng_has_gauss", scalar(r.hasGauss() ? 1 : 0));
            z.put("rng_cached_gaussian", scalar(r.gauss()));
        }
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            z.put(e.getKey(), NpyArray.ofUnsignedBytes(e.getValue().clone(), e.getValue().length));
        }
        z.put(VERSION_NAME, scalar(VERSION));
        Npz.write(file, z);
    }

    /**
     * Reads a checkpoint. Anything that is not a complete vecnn checkpoint (another version, a
     * missing or mistyped array, update-rule state present for some parameters but not others)
     * fails with a {@link DataException} naming the file and what is wrong.
     */
    public static Contents load(Path file) throws IOException {
        Map<String, NpyArray> z = Npz.read(file);
        String where = "checkpoint " + file;
        long version = longScalar(z, VERSION_NAME, where);
        if (version != VERSION) {
            throw new DataException(where + ": format version " + version + ", this vecnn reads version " + VERSION);
        }
        Map<String, byte[]> extras = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : z.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(EXTRA_PREFIX) && !k.equals(VERSION_NAME)) {
                extras.put(k, need(z, k, where, NpyType.UINT8).unsignedBytes().clone());
            }
        }
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        Map<String, OptimConfig> optim = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : z.entrySet()) {
            String k = e.getKey();
            if (isParamName(k)) {
                params.put(k, tensor(e.getValue(), k, where));
            } else if (k.startsWith("best_")) {
                best.put(k.substring(5), tensor(e.getValue(), k, where));
            } else if (isBufferName(k)) {
                buffers.put(k, tensor(e.getValue(), k, where));
            }
        }
        if (params.isEmpty()) {
            throw new DataException(where + ": no parameters (W1, b1, ...) in it; is it a vecnn checkpoint?");
        }
        Map<String, Set<String>> optimNames = new LinkedHashMap<>(); // per parameter: the suffixes present
        for (String p : params.keySet()) {
            optim.put(p, new OptimConfig());
            optimNames.put(p, new LinkedHashSet<>());
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
            optimNames.get(rest.substring(0, cut)).add(key);
            NpyArray a = e.getValue();
            if (key.equals("t")) {
                c.t(nonNegative(longScalar(z, k, where), k, where));
            } else if (a.shape().length == 0 && a.type() == NpyType.FLOAT64) {
                c.set(key, a.doubles()[0]);
            } else {
                c.putState(key, tensor(a, k, where));
            }
        }
        requireSameOptimArrays(optimNames, where);
        requireBestForEveryParameter(params, best, where);
        for (Map.Entry<String, Tensor> e : params.entrySet()) requireFinite(e.getKey(), e.getValue(), where);
        for (Map.Entry<String, Tensor> e : best.entrySet()) requireFinite("best_" + e.getKey(), e.getValue(), where);
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) requireFinite(e.getKey(), e.getValue(), where);
        for (Map.Entry<String, OptimConfig> e : optim.entrySet()) {
            for (Map.Entry<String, Tensor> st : e.getValue().states().entrySet()) {
                requireFinite("optim_" + e.getKey() + "_" + st.getKey(), st.getValue(), where);
            }
            for (Map.Entry<String, Double> h : e.getValue().hyperparameters().entrySet()) {
                if (!Double.isFinite(h.getValue())) {
                    throw new DataException(where + ": the array 'optim_" + e.getKey() + "_" + h.getKey()
                            + "' must hold a finite value, got " + h.getValue());
                }
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
        return new Contents(state, Collections.unmodifiableMap(extras));
    }

    /**
     * Every parameter's update-rule arrays must have the same names (the Solver gives every
     * parameter the same rule): one missing, e.g. optim_W1_m of an Adam run, is refused by name
     * rather than silently restarted from zeros. So is a missing step count {@code t}.
     */
    private static void requireSameOptimArrays(Map<String, Set<String>> namesByParam, String where) throws DataException {
        Set<String> all = new LinkedHashSet<>();
        all.add("t");
        for (Set<String> names : namesByParam.values()) all.addAll(names);
        for (String key : all) {
            String holder = null;
            for (Map.Entry<String, Set<String>> e : namesByParam.entrySet()) {
                if (e.getValue().contains(key)) {
                    holder = "optim_" + e.getKey() + "_" + key;
                    break;
                }
            }
            for (Map.Entry<String, Set<String>> e : namesByParam.entrySet()) {
                if (!e.getValue().contains(key)) {
                    String missing = "optim_" + e.getKey() + "_" + key;
                    throw new DataException(where + ": the array '" + missing + "' is missing"
                            + (holder == null ? "; every parameter's update-rule state has a step count t"
                            : "; the other parameters' update-rule state has it (" + holder + ")"));
                }
            }
        }
    }

    /**
     * The best-validation copy ({@code best_W1}, ...), when there is one, must hold every
     * parameter: the end of a run restores it into the model, so a missing one would fail only
     * after every epoch had been trained again. (Shapes are the model's business: {@link Solver#restore}.)
     */
    private static void requireBestForEveryParameter(Map<String, Tensor> params, Map<String, Tensor> best, String where)
            throws DataException {
        if (best.isEmpty()) {
            return; // no accuracy check has improved on 0 yet: the Solver keeps no copy
        }
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            Tensor b = best.get(p.getKey());
            if (b == null) {
                throw new DataException(where + ": the array 'best_" + p.getKey() + "' is missing (the best-validation copy of "
                        + p.getKey() + "; the checkpoint holds " + prefixed("best_", best.keySet()) + ")");
            }
        }
        for (String k : best.keySet()) {
            if (!params.containsKey(k)) {
                throw new DataException(where + ": 'best_" + k + "' names no parameter of the checkpoint " + params.keySet());
            }
        }
    }

    private static List<String> prefixed(String prefix, Set<String> names) {
        List<String> l = new ArrayList<>();
        for (String n : names) l.add(prefix + n);
        return l;
    }

    /** NaN or infinite values are refused naming the array and the index (flat, and per axis). */
    private static void requireFinite(String name, Tensor t, String where) throws DataException {
        for (int i = 0, n = t.size(); i < n; i++) {
            double v = t.get(i);
            if (!Double.isFinite(v)) {
                throw new DataException(where + ": the array '" + name + "' must hold finite values, got " + v + " at "
                        + index(t.shape(), i) + " (flat index " + i + ")");
            }
        }
    }

    /** The flat index {@code i} as numpy's index tuple for {@code shape}, e.g. [3, 17]. */
    static String index(int[] shape, int i) {
        int[] at = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = shape[d] == 0 ? 0 : i % shape[d];
            i = shape[d] == 0 ? i : i / shape[d];
        }
        return Arrays.toString(at);
    }

    private static boolean isParamName(String k) {
        return k.matches("(W|b|gamma|beta)\\d+");
    }

    /** Any name that is not one of the checkpoint's own (parameters, best_, optim_, solver_, rng_, histories, vecnn_). */
    private static boolean isBufferName(String k) {
        return !isParamName(k) && !k.startsWith("best_") && !k.startsWith("optim_")
                && !k.startsWith("solver_") && !k.startsWith("rng_") && !k.startsWith(EXTRA_PREFIX) && !k.endsWith("_history");
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
        return scalar(z, key, where, NpyType.INT64).longs()[0];
    }

    private static double doubleScalar(Map<String, NpyArray> z, String key, String where) throws DataException {
        return scalar(z, key, where, NpyType.FLOAT64).doubles()[0];
    }

    /** The array {@code key} of {@code type}, holding one value. */
    private static NpyArray scalar(Map<String, NpyArray> z, String key, String where, NpyType type)
            throws DataException {
        NpyArray a = need(z, key, where, type);
        if (a.size() != 1) {
            throw new DataException(where + ": '" + key + "' must hold one value, got shape " + Arrays.toString(a.shape()));
        }
        return a;
    }

    private static long nonNegative(long value, String key, String where) throws DataException {
        if (value < 0) throw new DataException(where + ": '" + key + "' must be >= 0, got " + value);
        return value;
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
