package dev.vecnn.layers;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.random.NumpyRandom;

/**
 * The assignment's {@code dropout_param} dict: {@code {'mode': 'train', 'p': 0.25, 'seed': 123}}.
 *
 * <p>{@code p} is the KEEP probability (as in the assignment: {@code p = 1} keeps everything;
 * PyTorch's {@code p} is the drop probability). When a seed is set, every forward call in train
 * mode reseeds numpy's global random state with it first ({@code np.random.seed(seed)}), so the
 * mask is reproducible. Masks are drawn from the param's stream ({@link #random(NumpyRandom)};
 * the process-wide {@link NumpyRandom#global()} unless one is given). Two flavours: inverted (default; train output scaled by {@code 1/p},
 * test output untouched) and vanilla (train output unscaled, test output scaled by {@code p}).
 *
 * <pre>
 *   DropoutParam param = DropoutParam.train(0.25).seed(123);
 *   Forward&lt;DropoutCache&gt; f = Layers.dropoutForward(x, param);
 * </pre>
 * Mutable like the Python dict: the model flips {@link #mode} between train and test.
 */
public final class DropoutParam {
    /** Train or test behaviour. */
    public enum Mode { TRAIN, TEST;
        /** Parses "train"/"test". */
        public static Mode parse(String s) {
            switch (s) {
                case "train": return TRAIN;
                case "test": return TEST;
                default: throw new IllegalArgumentException("dropout mode must be 'train' or 'test', got '" + s + "'");
            }
        }
    }

    private Mode mode;
    private double p;
    private Long seed;
    private boolean inverted = true;
    private NumpyRandom random;

    private DropoutParam(Mode mode, double p) {
        this.mode = mode;
        this.p = checkKeepProbability(p);
    }

    /** {@code {'mode': 'train', 'p': p}}; p is the keep probability in (0, 1]. */
    public static DropoutParam train(double p) {
        return new DropoutParam(Mode.TRAIN, p);
    }

    /** {@code {'mode': 'test', 'p': p}}; p is the keep probability in (0, 1]. */
    public static DropoutParam test(double p) {
        return new DropoutParam(Mode.TEST, p);
    }

    /** Sets {@code 'seed'}: each train-mode forward reseeds numpy's global state with it. */
    public DropoutParam seed(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("dropout seed must be in [0, 2^32 - 1], got " + seed);
        }
        this.seed = seed;
        return this;
    }

    /** Removes the seed. */
    public DropoutParam noSeed() {
        this.seed = null;
        return this;
    }

    /** Vanilla dropout: train-time {@code x * mask} (unscaled), test-time {@code x * p}. */
    public DropoutParam vanilla() {
        this.inverted = false;
        return this;
    }

    /** Inverted dropout (the default): train-time {@code x * mask / p}, test-time {@code x}. */
    public DropoutParam inverted() {
        this.inverted = true;
        return this;
    }

    /** Sets inverted (true) or vanilla (false). */
    public DropoutParam inverted(boolean inverted) {
        this.inverted = inverted;
        return this;
    }

    /** Sets the mode. */
    public DropoutParam mode(Mode mode) {
        if (mode == null) throw new IllegalArgumentException("dropout mode must not be null");
        this.mode = mode;
        return this;
    }

    public Mode mode() {
        return mode;
    }

    /** Keep probability. */
    public double p() {
        return p;
    }

    /** Sets the keep probability, in (0, 1]. */
    public DropoutParam p(double keepProbability) {
        this.p = checkKeepProbability(keepProbability);
        return this;
    }

    /** The stream train-mode masks are drawn from (and reseeded with the seed); null: the global one. */
    public DropoutParam random(NumpyRandom random) {
        this.random = random;
        return this;
    }

    /** The stream masks are drawn from: the one given, else {@link NumpyRandom#global()}. */
    public NumpyRandom random() {
        return random != null ? random : NumpyRandom.global();
    }

    public boolean hasSeed() {
        return seed != null;
    }

    /** The seed; only valid when {@link #hasSeed()}. */
    public long seedValue() {
        if (seed == null) throw new IllegalStateException("dropout param has no seed");
        return seed;
    }

    public boolean isInverted() {
        return inverted;
    }

    /** Throws unless {@code 0 < p <= 1} ({@link KeepProbability}); returns p. */
    public static double checkKeepProbability(double p) {
        return KeepProbability.check("p", p);
    }

    @Override
    public String toString() {
        return "{'mode': '" + mode.name().toLowerCase(java.util.Locale.ROOT) + "', 'p': " + p
                + (seed != null ? ", 'seed': " + seed : "") + (inverted ? "" : ", vanilla") + "}";
    }
}
