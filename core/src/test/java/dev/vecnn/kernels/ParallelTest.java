package dev.vecnn.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel thread count inside callSerially and callSharing scopes. */
class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void serialScopeRunsOnOneThread() throws Exception {
        Parallel.setThreads(4);
        assertThat(Parallel.callSerially(Parallel::threads)).isEqualTo(1);
        assertThat(Parallel.threads()).isEqualTo(4);
    }

    /** Two members of four threads get two each; once one is done, the other gets all four. */
    @Test
    void sharingMembersSplitTheThreadsAndTheLastGetsThemAll() throws Exception {
        Parallel.setThreads(4);
        AtomicInteger members = new AtomicInteger(2);
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch secondSawTwo = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> Parallel.callSharing(members, () -> {
                int seen = Parallel.threads();
                secondSawTwo.await(10, TimeUnit.SECONDS);
                return seen;
            }));
            Future<int[]> second = pool.submit(() -> Parallel.callSharing(members, () -> {
                int whileBoth = Parallel.threads();
                secondSawTwo.countDown();
                first.get(10, TimeUnit.SECONDS); // the first member has left
                firstDone.countDown();
                return new int[] {whileBoth, Parallel.threads()};
            }));
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly(2, 4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(members.get()).isZero();
        assertThat(Parallel.threads()).isEqualTo(4); // outside any scope again
    }

    /** More members than threads: one thread each, never zero. */
    @Test
    void sharingNeverGoesBelowOneThread() throws Exception {
        Parallel.setThreads(2);
        AtomicInteger members = new AtomicInteger(3);
        assertThat(Parallel.callSharing(members, Parallel::threads)).isEqualTo(1);
        assertThat(members.get()).isEqualTo(2);
    }

    /** A member that fails still leaves, so the others get its threads. */
    @Test
    void aFailingMemberLeaves() {
        Parallel.setThreads(2);
        AtomicInteger members = new AtomicInteger(2);
        assertThatThrownBy(() -> Parallel.callSharing(members, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(members.get()).isEqualTo(1);
        assertThat(Parallel.threads()).isEqualTo(2);
    }

    /** A serial scope inside a sharing one wins: one thread. */
    @Test
    void serialInsideSharingIsSerial() throws Exception {
        Parallel.setThreads(4);
        AtomicInteger members = new AtomicInteger(1);
        assertThat(Parallel.callSharing(members, () -> Parallel.callSerially(Parallel::threads))).isEqualTo(1);
    }

    /**
     * Two tasks that wait for each other run on two pool threads at once, and the threads have
     * different names (they were all named "vecnn-0": the pool numbers a worker after the thread
     * factory has named it).
     */
    @Test
    void concurrentTasksRunOnDistinctlyNamedWorkers() {
        Parallel.setThreads(2);
        CyclicBarrier both = new CyclicBarrier(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        Parallel.forEach(2, task -> {
            names.add(Thread.currentThread().getName());
            try {
                both.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("task " + task + " did not meet the other one", e);
            }
        });
        assertThat(names).hasSize(2).allSatisfy(n -> assertThat(n).matches("vecnn-\\d+"));
    }
}
