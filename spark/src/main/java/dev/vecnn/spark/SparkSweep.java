package dev.vecnn.spark;

import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.sweep.TrialResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs trials as one Spark job: the trial indices become an RDD with one partition per trial, so
 * each trial is one task that the scheduler gives to a free executor core (and retries elsewhere
 * if it fails), and every task's result reaches the driver as soon as that task ends (the job's
 * result handler), not when the whole job does: the driver records it, redraws the progress line
 * and keeps only the best model's bytes.
 */
public final class SparkSweep {
    private SparkSweep() {}

    /**
     * Runs trials {@code indices} of {@code sweep} on {@code sc}, calling {@code onResult} on the
     * driver for each finished trial (in completion order, one call at a time).
     */
    public static void run(JavaSparkContext sc, SweepDefinition sweep, List<Integer> indices, Consumer<TrialResult> onResult) {
        run(sc, sweep, indices, onResult, -1);
    }

    /** As above, with the test hook of {@link TrialTask} (the first attempt of that trial fails). */
    static void run(JavaSparkContext sc, SweepDefinition sweep, List<Integer> indices, Consumer<TrialResult> onResult,
                    int failFirstAttemptOf) {
        if (indices.isEmpty()) {
            return;
        }
        RDD<Integer> trials = sc.parallelize(indices, indices.size()).rdd();
        ClassTag<ArrayList<TrialResult>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
        sc.sc().runJob(trials, new TrialTask(sweep, failFirstAttemptOf), new ResultHandler(onResult), tag);
    }

    /** Driver side: each task's results, as the task ends. */
    private static final class ResultHandler extends AbstractFunction2<Object, ArrayList<TrialResult>, BoxedUnit> {
        private final Consumer<TrialResult> onResult;

        ResultHandler(Consumer<TrialResult> onResult) {
            this.onResult = onResult;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<TrialResult> results) {
            results.forEach(onResult);
            return BoxedUnit.UNIT;
        }
    }
}
