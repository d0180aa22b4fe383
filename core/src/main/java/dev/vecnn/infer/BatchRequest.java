package dev.vecnn.infer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller's request to a {@link BatchingModel}: its input, where its scores go, and a state
 * that only moves forward (QUEUED to TAKEN to DONE or FAILED; QUEUED to CANCELLED; QUEUED to
 * GATHER and back to QUEUED when the caller is handed the gathering role). A calling thread reuses
 * its request object unless the request was cancelled (a batch being gathered may still hold a cancelled one).
 * {@link #next} links requests in the arrival stack and in the gatherer's backlog; a request is in
 * at most one of them, and only until it is gathered.
 */
final class BatchRequest {
    static final int QUEUED = 0;
    static final int TAKEN = 1;
    static final int DONE = 2;
    static final int FAILED = 3;
    static final int CANCELLED = 4;
    /** The caller must take over gathering (its own request still waits to be gathered). */
    static final int GATHER = 5;

    final AtomicInteger state = new AtomicInteger(DONE);
    Object input;
    Object out;
    int label;
    Throwable failure;
    Thread waiter;
    BatchRequest next;
    /**
     * True while the caller is parked or about to park (set before its last look at
     * {@link #state}): whoever changes the state wakes the caller only then. A caller not yet
     * parked sees the new state itself, and saves the wake-up (an unpark costs a system call, and
     * in a VM often a trip through the hypervisor).
     */
    volatile boolean parked;

    /**
     * Called by the caller: returns once {@link #state} is no longer {@code s}, or the thread is
     * interrupted, or on a spurious wake-up (the caller looks again). First it yields its core
     * ({@link Thread#yield}) for up to {@code yieldNanos}, looking at the state between yields, so
     * that an answer arriving meanwhile costs no wake-up; then it parks with {@link #parked} set,
     * so that only a parked caller costs its waker an unpark.
     */
    void awaitChangeFrom(int s, Object blocker, long yieldNanos) {
        if (yieldUntilChangedFrom(s, yieldNanos)) {
            return;
        }
        parked = true;
        if (state.get() == s) {
            LockSupport.park(blocker);
        }
        parked = false;
    }

    /** Yields while the state is {@code s}, for up to {@code nanos}; true if it changed or the thread was interrupted. */
    private boolean yieldUntilChangedFrom(int s, long nanos) {
        if (nanos <= 0) {
            return false;
        }
        Thread me = Thread.currentThread();
        long start = System.nanoTime();
        do {
            if (state.get() != s || me.isInterrupted()) {
                return true;
            }
            Thread.yield();
        } while (System.nanoTime() - start < nanos);
        return state.get() != s;
    }

    /** Publishes the outcome (label, out and failure written before) and wakes the caller if it sleeps. */
    void finish(int outcome) {
        Thread t = waiter;
        state.set(outcome);
        wakeIfParked(t);
    }

    /**
     * Wakes the caller if it is parked, after its {@link #state} changed. The state is written
     * before {@link #parked} is read, and the caller writes {@code parked} before reading the state
     * (all volatile), so at least one of the two sees the other's write: the caller either sees the
     * new state and does not park, or is woken.
     */
    void wakeIfParked(Thread t) {
        if (parked && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }
}
