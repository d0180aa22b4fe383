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

    /** Publishes the outcome (label, out and failure written before) and wakes the caller. */
    void finish(int outcome) {
        Thread t = waiter;
        state.set(outcome);
        if (t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }
}
