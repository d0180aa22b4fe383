package dev.vecnn.spark;

import dev.vecnn.sweep.LocalSweep;
import dev.vecnn.sweep.SearchSpace;
import dev.vecnn.sweep.SweepData;
import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.sweep.TrialResult;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.TrainSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep on Spark (local[2], up to two attempts per task) against the same trials in a plain
 * loop in this JVM: the same numbers bit for bit, in any completion order, also when a task fails
 * mid-way and Spark runs it again.
 */
class SparkSweepTest {
    private static final SearchSpace SPACE = SearchSpace.of(Map.of("lr", "1e-3..1e-2:log", "weight-scale", "1e-3..1e-1:log",
            "keep-p", "0.5,1", "hidden", "16,8x8", "norm", "none,batchnorm"), null);
    private static final long SEED = 2024;
    private static final List<Integer> TRIALS = List.of(0, 1, 2, 3, 4, 5);

    @TempDir
    static Path dataDir;
    private static JavaSparkContext sc;
    private static SweepDefinition sweep;
    private static Map<Integer, TrialResult> loop;

    @BeforeAll
    static void start() throws Exception {
        SyntheticCifar.write(dataDir, 20, 7); // 100 training records, 20 test records
        TrainSpec base = TrainSpec.NOTEBOOK.toBuilder().epochs(2).batchSize(20).lrDecay(0.95).build();
        sweep = new SweepDefinition(SPACE, base, dataDir.toString(), new CifarSubset(80, 60, 20), SEED);
        sc = new JavaSparkContext(SweepMain.conf("local[2,2]"));
        sc.setLogLevel("ERROR");
        loop = new TreeMap<>();
        for (TrialResult r : LocalSweep.run(sweep, TRIALS, 1)) {
            loop.put(r.config().index(), r);
        }
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    private static Map<Integer, TrialResult> onSpark(List<Integer> trials, int failFirstAttemptOf) {
        Map<Integer, TrialResult> got = Collections.synchronizedMap(new TreeMap<>());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        SparkSweep.run(sc, sweep, trials, r -> {
            assertThat(got.put(r.config().index(), r)).as("trial " + r.config().index() + " reported twice").isNull();
            order.add(r.config().index());
        }, failFirstAttemptOf);
        assertThat(order).containsExactlyInAnyOrderElementsOf(trials);
        return got;
    }

    private static void assertSameAsLoop(Map<Integer, TrialResult> got) throws Exception {
        assertThat(got.keySet()).containsExactlyElementsOf(loop.keySet());
        for (int i : loop.keySet()) {
            TrialResult a = got.get(i);
            TrialResult b = loop.get(i);
            assertThat(a.sameNumbers(b)).as("trial " + i + ": " + a.config() + " vs " + b.config()).isTrue();
            assertThat(ModelBytes.numbers(a.model())).as("trial " + i + " model").isEqualTo(ModelBytes.numbers(b.model()));
        }
    }

    @Test
    void sweepOnLocal2EqualsThePlainLoopBitForBit() throws Exception {
        int loads = SweepData.loadCount();
        assertSameAsLoop(onSpark(TRIALS, -1));
        // The executors (threads of this JVM in local mode) use the copy this JVM read for the
        // loop: six tasks, no new read from disk.
        assertThat(SweepData.loadCount()).isEqualTo(loads);
    }

    @Test
    void aTaskThatFailsMidwayIsRetriedAndGivesTheSameTable() throws Exception {
        int before = TrialTask.injectedFailures();
        assertSameAsLoop(onSpark(TRIALS, 3));
        assertThat(TrialTask.injectedFailures() - before).as("failures injected").isEqualTo(1);
    }

    @Test
    void anySubsetInAnyPartitioningGivesTheSameTrials() throws Exception {
        Map<Integer, TrialResult> got = onSpark(List.of(5, 1), -1);
        assertThat(got.get(5).sameNumbers(loop.get(5))).isTrue();
        assertThat(got.get(1).sameNumbers(loop.get(1))).isTrue();
    }
}
