package dev.vecnn.cli;

import dev.vecnn.sweep.SweepData;
import dev.vecnn.sweep.SearchSpace;
import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's data cache (here beside TinyCifar, the synthetic CIFAR-10 writer): one read per
 * path and sizes per JVM, the same arrays for every later trial, a new read for other sizes.
 */
class SweepDataCacheTest {
    @Test
    void eachPathAndSizeIsReadOncePerJvm(@TempDir Path dir) throws Exception {
        TinyCifar.write(dir, 20, 5);
        SearchSpace space = SearchSpace.of(java.util.Map.of(), null);
        SweepDefinition a = new SweepDefinition(space, TrainSpec.NOTEBOOK, dir.toString(), new CifarSubset(80, 60, 20), 0);
        int before = SweepData.loadCount();
        SweepData first = SweepData.cached(a);
        SweepData again = SweepData.cached(new SweepDefinition(space,
                TrainSpec.NOTEBOOK.toBuilder().epochs(3).updateRule("sgd").build(), dir.resolve(".").toString(), new CifarSubset(80, 60, 20), 7));
        assertThat(again).isSameAs(first); // other Solver options and seed, same images
        assertThat(SweepData.loadCount() - before).isEqualTo(1);
        assertThat(first.data().xTrain().rows()).isEqualTo(60);
        assertThat(first.data().xVal().rows()).isEqualTo(20);
        assertThat(first.meanImage()).hasSize(3072);
        SweepData fewer = SweepData.cached(new SweepDefinition(space, TrainSpec.NOTEBOOK, dir.toString(), new CifarSubset(80, 40, 20), 0));
        assertThat(fewer.data().xTrain().rows()).isEqualTo(40);
        assertThat(SweepData.loadCount() - before).isEqualTo(2);
    }
}
