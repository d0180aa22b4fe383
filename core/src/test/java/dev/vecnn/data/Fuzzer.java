package dev.vecnn.data;

import dev.vecnn.io.DataException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seeded mutation fuzzer for the readers of outside bytes. Each input is a seed (a valid file)
 * with 1 to 8 random mutations: bit flips, random or "interesting" bytes (0, 0xFF, 0x7F, 0x80,
 * ASCII digits), interesting little-endian 32-bit values (0, -1, 2^31-1, 2^31, sizes), inserted,
 * deleted or duplicated ranges, truncation, and splices of two seeds. The same seed gives the
 * same inputs.
 *
 * <p>The contract checked for every input: the target returns normally or throws
 * {@link DataException}; anything else (another exception, an Error such as OutOfMemoryError) is
 * a crash. Also checked: the bytes the parsing thread allocates stay below {@link #ALLOCATION_LIMIT}
 * (inputs are a few KB; a reader that believes a size field would allocate far more), and, with a
 * per-input timeout, that no input hangs. Crashing inputs are saved under
 * {@code target/fuzz-crashes/}.
 */
final class Fuzzer {
    /** Parses one input; must return or throw {@link DataException}. */
    interface Target {
        void parse(byte[] input) throws IOException;
    }

    static final long ALLOCATION_LIMIT = 64L << 20;
    private static final int[] INTERESTING_32 = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFFFFF7,
        65535, 65536, 3073, 3072, 512, 0x10000000};
    private static final byte[] INTERESTING_8 = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '0', '7', '9', ' ', ',', '(', ')',
        '\'', '\n', 1, 10, 11};

    /** Counts of one run. */
    static final class Result {
        final String name;
        long inputs;
        long loaded;
        long rejected;
        long maxAllocated;
        final List<String> crashes = new ArrayList<>();

        Result(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return String.format("%-10s inputs %,d  loaded %,d  rejected (DataException) %,d  crashes %d  max allocated %,d bytes",
                    name, inputs, loaded, rejected, crashes.size(), maxAllocated);
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
            if (sun.isThreadAllocatedMemorySupported()) {
                sun.setThreadAllocatedMemoryEnabled(true);
                return sun;
            }
        }
        return null;
    }

    private Fuzzer() {}

    /**
     * Runs {@code iterations} mutated inputs (the seeds themselves first) through {@code target}.
     *
     * @param timeoutSeconds per-input limit (inputs then run on a worker thread), or 0 for none
     */
    static Result run(String name, List<byte[]> seeds, Target target, long iterations, long rngSeed,
                      int timeoutSeconds) {
        Result result = new Result(name);
        Random rng = new Random(rngSeed);
        ExecutorService worker = timeoutSeconds > 0 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (long i = 0; i < iterations; i++) {
                byte[] input = i < seeds.size() ? seeds.get((int) i) : mutate(seeds, rng);
                result.inputs++;
                Throwable failure;
                long[] allocated = new long[1];
                try {
                    if (worker == null) {
                        failure = parseOnce(target, input, allocated, result);
                    } else {
                        Future<Throwable> f = worker.submit(() -> parseOnce(target, input, allocated, result));
                        try {
                            failure = f.get(timeoutSeconds, TimeUnit.SECONDS);
                        } catch (TimeoutException e) {
                            save(name, result, input, "hang: no result after " + timeoutSeconds + " s");
                            return result; // the worker is stuck: stop this run
                        } catch (ExecutionException e) {
                            failure = e.getCause();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
                if (failure != null) {
                    save(name, result, input, failure.toString());
                }
                if (allocated[0] > ALLOCATION_LIMIT) {
                    save(name, result, input, "allocated " + allocated[0] + " bytes for a " + input.length + "-byte input");
                }
                result.maxAllocated = Math.max(result.maxAllocated, allocated[0]);
                if (result.crashes.size() >= 20) {
                    break;
                }
            }
        } finally {
            if (worker != null) {
                worker.shutdownNow();
            }
        }
        return result;
    }

    /** Returns the crash (not a DataException) or null. */
    private static Throwable parseOnce(Target target, byte[] input, long[] allocated, Result result) {
        long before = THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
        Throwable crash = null;
        try {
            target.parse(input);
            result.loaded++;
        } catch (DataException e) {
            result.rejected++;
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                crash = new AssertionError("DataException without a message", e);
            }
        } catch (Throwable t) {
            crash = t;
        }
        allocated[0] = THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes() - before;
        return crash;
    }

    private static void save(String name, Result result, byte[] input, String why) {
        String id = name + "-" + result.crashes.size();
        result.crashes.add(id + ": " + why);
        try {
            Path dir = Path.of("target", "fuzz-crashes");
            Files.createDirectories(dir);
            Files.write(dir.resolve(id + ".bin"), input);
            Files.writeString(dir.resolve(id + ".txt"), why + "\n");
        } catch (IOException ignored) {
            // the crash is still counted and reported
        }
    }

    static byte[] mutate(List<byte[]> seeds, Random rng) {
        byte[] data = seeds.get(rng.nextInt(seeds.size())).clone();
        int count = 1 + rng.nextInt(rng.nextInt(8) + 1);
        for (int m = 0; m < count; m++) {
            data = mutateOnce(data, seeds, rng);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] d, List<byte[]> seeds, Random rng) {
        int n = d.length;
        // Mutations near the start hit headers, where the interesting parsing is: bias positions.
        int pos = n == 0 ? 0 : (rng.nextInt(3) == 0 ? rng.nextInt(Math.min(n, 600)) : rng.nextInt(n));
        switch (rng.nextInt(10)) {
            case 0:
            case 1:
                if (n > 0) {
                    d[pos] ^= (byte) (1 << rng.nextInt(8));
                }
                return d;
            case 2:
                if (n > 0) {
                    d[pos] = (byte) rng.nextInt(256);
                }
                return d;
            case 3:
                if (n > 0) {
                    d[pos] = INTERESTING_8[rng.nextInt(INTERESTING_8.length)];
                }
                return d;
            case 4:
                if (n >= 4) {
                    int at = Math.min(pos, n - 4);
                    ByteBuffer.wrap(d, at, 4).order(rng.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                            .putInt(INTERESTING_32[rng.nextInt(INTERESTING_32.length)]);
                }
                return d;
            case 5: { // insert random bytes
                int len = 1 + rng.nextInt(16);
                byte[] out = new byte[n + len];
                System.arraycopy(d, 0, out, 0, pos);
                for (int i = 0; i < len; i++) {
                    out[pos + i] = rng.nextBoolean() ? (byte) rng.nextInt(256) : INTERESTING_8[rng.nextInt(INTERESTING_8.length)];
                }
                System.arraycopy(d, pos, out, pos + len, n - pos);
                return out;
            }
            case 6: { // delete a range
                if (n == 0) {
                    return d;
                }
                int len = 1 + rng.nextInt(Math.min(n - pos, 64));
                byte[] out = new byte[n - len];
                System.arraycopy(d, 0, out, 0, pos);
                System.arraycopy(d, pos + len, out, pos, n - pos - len);
                return out;
            }
            case 7: { // duplicate a range
                if (n == 0) {
                    return d;
                }
                int len = 1 + rng.nextInt(Math.min(n - pos, 512));
                byte[] out = new byte[n + len];
                System.arraycopy(d, 0, out, 0, pos + len);
                System.arraycopy(d, pos, out, pos + len, n - pos);
                return out;
            }
            case 8: // truncate
                return Arrays.copyOf(d, pos);
            default: { // splice: head of this, tail of another seed
                byte[] other = seeds.get(rng.nextInt(seeds.size()));
                int cut = other.length == 0 ? 0 : rng.nextInt(other.length);
                byte[] out = new byte[pos + other.length - cut];
                System.arraycopy(d, 0, out, 0, pos);
                System.arraycopy(other, cut, out, pos, other.length - cut);
                return out;
            }
        }
    }
}
