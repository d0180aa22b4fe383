package dev.vecnn.train;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.random.MT19937State;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.SolverData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The experiment's nets, one per keep probability, trained as the notebook trains them: one
 * {@code np.random} stream, seeded once before the first net (or before every net), each net
 * built from the state the previous net's training left behind.
 *
 * <p>With one thread they train one after another. With more, they train side by side, one net
 * per thread, sharing the kernel threads ({@link Parallel#callSharing}): while every net runs,
 * each one's kernels run on its own thread (whole independent runs keep two cores busier than
 * splitting each matrix product in two), and the nets still running when others are done split
 * their products over the freed cores. Each net
 * trains with its own stream ({@link FullyConnectedNet.Builder#random}, {@code Solver.Builder.random})
 * started from the state it would start from in turn; a later net's state is found by running the
 * earlier nets' training on 9-feature stand-in data of the same size ({@link #startStates},
 * {@link Trainer#advancePastRun}: the same code, so the same draws, at a tiny fraction of the
 * arithmetic; the experiment finds them while the data loads). Each net therefore sees
 * exactly the numbers it would see in turn and the results are the same bits (tested). The first net logs as it trains; the others' logs
 * are held and printed in order when the nets before them are done. The progress bar then shows
 * all of them as one: their labels joined, their iterations added up.
 */
public final class SideBySideRuns {
    private SideBySideRuns() {}

    /**
     * Whether {@link #train} trains the nets side by side (and so needs {@link #startStates}):
     * more than one net and more than one kernel thread.
     */
    public static boolean sideBySide(double[] keeps) {
        return Math.min(keeps.length, Parallel.threads()) >= 2;
    }

    /**
     * Where each net of {@link #train} starts in the global stream once it is seeded with
     * {@code seed}, found from the data's sizes alone ({@code inputDim} features, {@code trainRows} and {@code valRows} images) so a
     * caller can find it while the data loads. Runs its kernels on the calling thread.
     */
    public static List<MT19937State> startStates(double[] keeps, TrainSpec spec, int inputDim, int trainRows, int valRows,
                                                 long seed, boolean reseedEach) throws Exception {
        NumpyRandom stream = new NumpyRandom(seed);
        List<MT19937State> starts = new ArrayList<>();
        for (int i = 0; i < keeps.length; i++) {
            if (reseedEach) stream.setSeed(seed);
            starts.add(stream.getState());
            if (i < keeps.length - 1 && !reseedEach) {
                double keep = keeps[i];
                Parallel.callSerially(() -> {
                    Trainer.advancePastRun(specFor(spec, keep), inputDim, trainRows, valRows, stream);
                    return null;
                });
            }
        }
        return starts;
    }

    /**
     * Trains one net of {@code spec} per keep probability in {@code keeps} on the global stream
     * (seeded by the caller with {@code seed}; again before every net with {@code reseedEach}),
     * logging to {@code log}; {@code bar} may be null. Side by side, each net starts from the
     * states {@code starts} finds ({@link #startStates} for this data's sizes), a task the caller
     * may have run already, e.g. while the data loaded (it is run here if not), or with null, from
     * the states train finds first.
     */
    public static List<RunHistory> train(double[] keeps, TrainSpec spec, SolverData data, long seed, boolean reseedEach,
                                         RunnableFuture<List<MT19937State>> starts, PrintStream log, Progress bar)
            throws Exception {
        int workers = Math.min(keeps.length, Parallel.threads());
        List<RunHistory> runs = new ArrayList<>();
        NumpyRandom notebookStream = NumpyRandom.global(); // the notebook's np.random
        if (workers < 2) {
            for (double keep : keeps) {
                if (reseedEach) notebookStream.setSeed(seed);
                runs.add(trainOne(keep, spec, data, log, bar, notebookStream));
            }
            return runs;
        }
        SharedBar shared = bar == null ? null
                : new SharedBar(bar, keeps, keeps.length * spec.iterations(data.xTrain().rows()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "vecnn-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunHistory>> futures = new ArrayList<>();
            List<ByteArrayOutputStream> heldLogs = new ArrayList<>();
            List<MT19937State> states;
            if (starts != null) {
                starts.run(); // does nothing if it ran or is running on another thread
                states = result(starts);
            } else {
                states = startStates(keeps, spec, data.xTrain().rowLength(), data.xTrain().rows(), data.xVal().rows(),
                        seed, reseedEach);
            }
            if (states.size() != keeps.length) {
                throw new IllegalArgumentException("starts must find one state per net (" + keeps.length + "), found " + states.size());
            }
            // the nets share the kernel threads: one each while all run, the last ones get the
            // threads the first to finish leave (the results are the same bits)
            AtomicInteger running = new AtomicInteger(keeps.length);
            for (int i = 0; i < keeps.length; i++) {
                // (the global stream is left where the last net starts)
                notebookStream.setState(states.get(i));
                NumpyRandom stream = new NumpyRandom(0);
                stream.setState(states.get(i));
                double keep = keeps[i];
                ByteArrayOutputStream held = new ByteArrayOutputStream();
                heldLogs.add(held);
                PrintStream runLog = i == 0 ? log : new PrintStream(held, true, StandardCharsets.UTF_8);
                Progress runBar = shared == null ? null : shared.part(i);
                futures.add(pool.submit(() -> Parallel.callSharing(running, () -> trainOne(keep, spec, data, runLog, runBar, stream))));
            }
            for (int i = 0; i < keeps.length; i++) {
                runs.add(result(futures.get(i)));
                if (i > 0) {
                    log.print(heldLogs.get(i).toString(StandardCharsets.UTF_8));
                    log.flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return runs;
    }

    private static RunHistory trainOne(double keep, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                                       NumpyRandom stream) throws IOException {
        log.println(RunHistory.keepText(keep));
        Trainer.Outcome o = Trainer.of(specFor(spec, keep), data).log(log).progress(bar).random(stream).trainOrThrow();
        log.println();
        return o.history();
    }

    private static TrainSpec specFor(TrainSpec spec, double keep) {
        return spec.toBuilder().keepProb(keep).build();
    }

    /** One bar for runs training at once; each run reports through its own {@link #part}. */
    private static final class SharedBar {
        private final Progress bar;
        private final long[] done;
        private final double[] loss;
        private final boolean[] finished;

        SharedBar(Progress bar, double[] keeps, long total) {
            this.bar = bar;
            this.done = new long[keeps.length];
            this.loss = new double[keeps.length];
            this.finished = new boolean[keeps.length];
            java.util.Arrays.fill(loss, Double.NaN);
            StringBuilder label = new StringBuilder();
            for (double keep : keeps) label.append(label.length() == 0 ? "" : " + ").append(RunHistory.legend(keep));
            bar.start(label.toString(), total);
        }

        Progress part(int run) {
            return new Progress() {
                @Override
                public void start(String label, long total) {
                    // the shared bar started with the sum of all runs' iterations
                }

                @Override
                public void update(long doneInRun, double lossInRun) {
                    synchronized (SharedBar.this) {
                        done[run] = doneInRun;
                        loss[run] = lossInRun;
                        bar.update(java.util.Arrays.stream(done).sum(), loss[firstRunning()]);
                    }
                }

                @Override
                public void finish() {
                    synchronized (SharedBar.this) {
                        finished[run] = true;
                        for (boolean f : finished) if (!f) return;
                        bar.finish();
                    }
                }
            };
        }

        /** The run whose loss the bar shows: the first one still training (the last when all are done). */
        private int firstRunning() {
            for (int i = 0; i < finished.length; i++) if (!finished[i]) return i;
            return finished.length - 1;
        }
    }

    /** The run's history, or the exception it ended with (as thrown by the run itself). */
    /** The future's value, or what its task threw. */
    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) throw (Exception) cause;
            if (cause instanceof Error) throw (Error) cause;
            throw e;
        }
    }
}
