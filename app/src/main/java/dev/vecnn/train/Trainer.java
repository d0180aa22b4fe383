package dev.vecnn.train;

import dev.vecnn.io.DataException;
import dev.vecnn.kernels.SkinnyGemm;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.Model;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.IterationListener;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverData;
import dev.vecnn.solver.SolverDivergedException;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The one way vecnn trains: a FullyConnectedNet built as a {@link TrainSpec} says, trained by the
 * assignment's Solver, for {@code vecnn experiment}, {@code train} and every trial of
 * {@code sweep}. What a run reports and keeps is chosen on the trainer before {@link #train()}:
 * the Solver's log (none by default), a progress display fed after every minibatch, a listener
 * on every minibatch, checkpoints after every accuracy check with resume and early stop, the
 * random stream (the global NumpyRandom, the notebook's {@code np.random}, by default: the net's
 * weights, the minibatches, the dropout masks and the accuracy-check samples all come from it).
 */
public final class Trainer {
    /** Where and how to checkpoint; {@code resumeFrom} null: a new run; {@code stopAfterEpochs} 0: to the end. */
    public record CheckpointPlan(Path file, List<String> args, Checkpoint.Loaded resumeFrom, int stopAfterEpochs) {}

    /**
     * What a run returns: the history for the reports, the solver and net for anything else;
     * {@code diverged} is null unless the loss became NaN or infinite (the history then ends there).
     */
    public record Outcome(RunHistory history, Solver solver, FullyConnectedNet net, boolean finished,
                          SolverDivergedException diverged) {}

    private final TrainSpec spec;
    private final SolverData data;
    private String label;
    private PrintStream log;
    private Progress progress;
    private IterationListener onIteration;
    private CheckpointPlan checkpoints;
    private LongSupplier clock = System::nanoTime;
    private NumpyRandom rng;

    private Trainer(TrainSpec spec, SolverData data) {
        this.spec = spec;
        this.data = data;
        this.label = RunHistory.legend(spec.keepProb());
    }

    /** A trainer of {@code spec} on {@code data} (10 classes); nothing reported, the global stream. */
    public static Trainer of(TrainSpec spec, SolverData data) {
        return new Trainer(spec, data);
    }

    /** The run's name in its history and on the progress display (default: the notebook's legend, "0.25 dropout"). */
    public Trainer label(String label) {
        this.label = label;
        return this;
    }

    /** The Solver's log (verbose=True) goes here; null: quiet. */
    public Trainer log(PrintStream log) {
        this.log = log;
        return this;
    }

    /** Fed after every minibatch; null: none. */
    public Trainer progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** Called after every minibatch (after the progress display); null: none. */
    public Trainer onIteration(IterationListener onIteration) {
        this.onIteration = onIteration;
        return this;
    }

    /** Checkpoints, resume and early stop; null: none. */
    public Trainer checkpoints(CheckpointPlan plan) {
        this.checkpoints = plan;
        return this;
    }

    /** The clock of the run's seconds (tests pass a fixed one). */
    public Trainer clock(LongSupplier clock) {
        this.clock = clock;
        return this;
    }

    /** The stream the net and the Solver draw from instead of the global one. */
    public Trainer random(NumpyRandom rng) {
        this.rng = rng;
        return this;
    }

    /** Trains; a NaN or infinite loss is thrown as the Solver's {@link SolverDivergedException}. */
    public Outcome trainOrThrow() throws IOException {
        Outcome o = train();
        if (o.diverged() != null) {
            throw o.diverged();
        }
        return o;
    }

    /**
     * Builds the net (drawing its weights), restores the checkpoint when resuming, trains and
     * returns the histories. A diverged run (a NaN or infinite loss) is returned, with the
     * histories up to the iteration that diverged, not thrown.
     */
    public Outcome train() throws IOException {
        NumpyRandom stream = rng != null ? rng : NumpyRandom.global();
        CheckpointPlan plan = checkpoints;
        FullyConnectedNet net = spec.buildNet(data.xTrain().rowLength(), 10, stream);
        int[] startEpoch = {0};
        Solver.Builder b = solverBuilder(net, spec, data).random(stream).verbose(log);
        Progress bar = progress;
        IterationListener listener = onIteration;
        if (bar != null || listener != null) {
            b.onIteration((s, done, loss) -> {
                if (bar != null) {
                    bar.update(done, loss);
                }
                if (listener != null) {
                    listener.onIteration(s, done, loss);
                }
            });
        }
        if (plan != null && plan.file() != null) {
            b.checkpointName(plan.file().toString()).onCheckpoint(s -> {
                try {
                    Checkpoint.save(plan.file(), plan.args(), s.state());
                } catch (IOException e) {
                    // AtomicFiles names the file and the reason; other failures (disk full) get the file here.
                    boolean named = e instanceof FileSystemException
                            && plan.file().toString().equals(((FileSystemException) e).getFile());
                    throw new UncheckedIOException("cannot write checkpoint " + (named ? "" : plan.file() + ": ")
                            + e.getMessage(), e);
                }
                boolean epochEnd = s.iteration() % s.iterationsPerEpoch() == 0;
                if (plan.stopAfterEpochs() > 0 && epochEnd && s.epoch() - startEpoch[0] >= plan.stopAfterEpochs()) {
                    s.requestStop();
                }
            });
        }
        Solver solver = b.build();
        if (plan != null && plan.resumeFrom() != null) {
            try {
                solver.restore(plan.resumeFrom().state);
            } catch (IllegalArgumentException e) { // a parameter of the wrong shape, optimizer state missing, ...
                throw new DataException("checkpoint " + plan.file() + ": " + e.getMessage(), e);
            }
        }
        startEpoch[0] = solver.epoch();
        long start = clock.getAsLong();
        if (bar != null) {
            bar.start(label, solver.numIterations());
            bar.update(solver.iteration(), Double.NaN);
        }
        SolverDivergedException diverged = null;
        try {
            solver.train();
        } catch (SolverDivergedException e) {
            diverged = e;
        }
        if (bar != null && diverged == null) {
            bar.finish();
        }
        double seconds = (clock.getAsLong() - start) / 1e9;
        boolean finished = solver.iteration() >= solver.numIterations();
        RunHistory h = new RunHistory(label, spec.keepProb(), toArray(solver.lossHistory()),
                toArray(solver.trainAccHistory()), toArray(solver.valAccHistory()), solver.bestValAcc(), seconds);
        return new Outcome(h, solver, net, finished && diverged == null, diverged);
    }

    /**
     * Leaves {@code rng} where {@link #train} (no checkpoints) would leave it on data of
     * {@code inputDim} features, {@code trainRows} training and {@code valRows} validation images,
     * without the run's arithmetic and without the data: a run's draws depend on its sizes, not on
     * the pixels or labels. It builds the run's net from {@code rng} (its weight draws), then
     * trains a stand-in with the same options on narrow data ({@value #STAND_IN_FEATURES} zero
     * features per row, as many rows, every label 0) with the same Solver, drawing from
     * {@code rng}. Every draw comes from the code a real run executes (minibatch choices, dropout
     * masks, accuracy-check samples), so no list of draws is kept by hand; the first layer's
     * products shrink by the input width over {@value #STAND_IN_FEATURES} (341x for CIFAR-10).
     * Assumes the real run does not stop early (no NaN loss).
     */
    public static void advancePastRun(TrainSpec spec, int inputDim, int trainRows, int valRows, NumpyRandom rng) {
        spec.buildNet(inputDim, 10, rng);
        FullyConnectedNet blank = spec.buildNet(STAND_IN_FEATURES, 10, new NumpyRandom(0));
        FullyConnectedNet standIn = spec.netBuilder(STAND_IN_FEATURES, 10).random(rng).params(blank.params()).build();
        solverBuilder(standIn, spec, standInData(spec, trainRows, valRows)).random(rng).build().train();
    }

    /**
     * Input width of {@link #advancePastRun}'s stand-in net: one more than the rows the batch-1
     * kernel takes ({@link SkinnyGemm#MAX_ROWS}), so the first layer's weight gradient
     * ({@code features x hidden}) runs on the blocked GEMM's kernels, which the real run (and the
     * warm-up) have compiled already. With one feature it ran the batch-1 kernels, which nothing
     * else in a training run uses: they ran uncompiled (Java fallbacks, ~0.5 s of CPU and 0.3 GB
     * of garbage per stand-in on a 2-core Zen 5).
     */
    static final int STAND_IN_FEATURES = SkinnyGemm.MAX_ROWS + 1;

    /**
     * As many rows as the run's data, {@value #STAND_IN_FEATURES} zero features each, labels
     * cycling through the 10 classes. The labels change no draw (the stream's use depends on the
     * sizes only) and no loss is anything but finite (only the output bias learns), but the
     * accuracy checks then take both sides of their argmax and hit-or-miss branches, as the real
     * run's do: with every label 0 and equal scores, C2 compiled them one-sided and they were
     * deoptimized and recompiled in the real nets' first check (JFR, Zen 5).
     */
    private static SolverData standInData(TrainSpec spec, int trainRows, int valRows) {
        return new SolverData(Tensor.zeros(spec.dtype(), trainRows, STAND_IN_FEATURES), cyclingLabels(trainRows),
                Tensor.zeros(spec.dtype(), valRows, STAND_IN_FEATURES), cyclingLabels(valRows));
    }

    private static int[] cyclingLabels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 10;
        return y;
    }

    private static Solver.Builder solverBuilder(Model model, TrainSpec spec, SolverData data) {
        return Solver.builder(model, data)
                .updateRule(spec.updateRule())
                .optimConfig(Map.of("learning_rate", spec.learningRate()))
                .lrDecay(spec.lrDecay())
                .batchSize(spec.batchSize())
                .numEpochs(spec.epochs())
                .numTrainSamples(spec.numTrainSamples())
                .printEvery(spec.printEvery());
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
