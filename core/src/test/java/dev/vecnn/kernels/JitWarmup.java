package dev.vecnn.kernels;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a kernel call enough times for C2 to compile it before a SIMD-vs-scalar comparison, as
 * the JDK's own vector tests do: a divergence once appeared only in compiled code (the
 * interpreter and C1 run the Vector API's Java fallbacks, C2 the intrinsics). Once per key and
 * JVM, on small inputs, so the tests stay fast.
 */
final class JitWarmup {
    /** Calls per warm-up: past C2's invocation threshold (10 000 with tiered compilation). */
    static final int CALLS = 20_000;
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private JitWarmup() {}

    /** Calls {@code call} {@link #CALLS} times the first time {@code key} is seen in this JVM. */
    static void warm(String key, Runnable call) {
        warm(key, CALLS, call);
    }

    /** Calls {@code call} {@code calls} times the first time {@code key} is seen (for calls with loops of their own). */
    static void warm(String key, int calls, Runnable call) {
        if (DONE.add(key)) {
            for (int i = 0; i < calls; i++) {
                call.run();
            }
        }
    }
}
