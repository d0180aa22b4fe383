package dev.vecnn.spark;

import dev.vecnn.sweep.SweepData;
import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.sweep.TrialResult;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * What one Spark task does: for each trial index in its partition (one, as the sweep partitions
 * them), compute the trial's values and seed from (sweep, index), train it with the one Trainer
 * ({@code TrialConfig.train}) on this executor's copy of the data ({@link SweepData#cached}: read
 * on the executor's first task, kept for the JVM's later ones) and return the result. The task
 * carries the sweep's definition (a few hundred bytes), never images.
 *
 * <p>{@code failFirstAttemptOf} is a test hook: when it names a trial, that trial's first attempt
 * (TaskContext.attemptNumber() 0) throws half-way through its training, so a test can check that
 * Spark's retry gives the same numbers. -1 (the command's value) turns it off.
 */
final class TrialTask extends AbstractFunction2<TaskContext, Iterator<Integer>, ArrayList<TrialResult>> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many failures the test hook has thrown in this JVM. */
    private static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    private final SweepDefinition sweep;
    private final int failFirstAttemptOf;

    TrialTask(SweepDefinition sweep, int failFirstAttemptOf) {
        this.sweep = sweep;
        this.failFirstAttemptOf = failFirstAttemptOf;
    }

    @Override
    public ArrayList<TrialResult> apply(TaskContext context, Iterator<Integer> indices) {
        SweepData data = SweepData.cached(sweep);
        ArrayList<TrialResult> out = new ArrayList<>();
        while (indices.hasNext()) {
            int index = indices.next();
            boolean inject = index == failFirstAttemptOf && context != null && context.attemptNumber() == 0;
            out.add(sweep.trial(index).train(data, !inject ? null : (solver, done, loss) -> {
                if (done == solver.numIterations() / 2) {
                    INJECTED.incrementAndGet();
                    throw new InjectedFailure("injected failure: trial " + index + ", attempt 0, iteration " + done);
                }
            }));
        }
        return out;
    }

    static int injectedFailures() {
        return INJECTED.get();
    }

    /** The exception the test hook throws. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
