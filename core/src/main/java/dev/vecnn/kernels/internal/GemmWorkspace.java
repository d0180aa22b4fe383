package dev.vecnn.kernels.internal;

import java.lang.reflect.Array;

/**
 * Per-thread packing buffers for the blocked GEMM, grown on demand and then reused, so a GEMM
 * call allocates nothing in steady state. Each thread (the caller and each pool worker) owns
 * one workspace; a GEMM task only ever touches the workspace of the thread running it.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> LOCAL = ThreadLocal.withInitial(GemmWorkspace::new);
    private static final int ROLES = 5;

    /** Buffer {@code role} of precision {@code p} at {@code [p * ROLES + role]}. */
    private final Object[] buffers = new Object[2 * ROLES];

    private GemmWorkspace() {}

    /** The calling thread's workspace. */
    static GemmWorkspace get() {
        return LOCAL.get();
    }

    /** This thread's buffer {@code role} (0 .. 4) of the precision of {@code leaves}, at least {@code size} long. */
    <A> A buffer(GemmLeaves<A> leaves, int role, int size) {
        int i = leaves.precision * ROLES + role;
        Object buffer = buffers[i];
        if (buffer == null || Array.getLength(buffer) < size) {
            buffer = leaves.newArray(size);
            buffers[i] = buffer;
        }
        @SuppressWarnings("unchecked")
        A typed = (A) buffer;
        return typed;
    }
}
