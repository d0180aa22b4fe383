package dev.vecnn.train;

import dev.vecnn.layers.Normalization;
import dev.vecnn.optim.Optim;
import dev.vecnn.tensor.DType;

import java.util.Locale;

/**
 * Checks, before any data is loaded, that the net a run asks for can exist in this JVM: every
 * weight matrix within a Java array (2^31 - 1 values), and a lower bound of the heap it needs
 * (the parameters, their gradients, the best-validation copy and the update rule's state, plus
 * the images) within {@code Runtime.maxMemory()}. A net that cannot fit then fails in one line
 * with the numbers, instead of after the data load with a generic out-of-memory hint.
 */
public final class MemoryNeed {
    private MemoryNeed() {}

    /**
     * Throws a {@link SettingException} if a weight matrix cannot be a Java array, and an
     * {@link IllegalStateException} (a run failure: more heap fixes it) if the lower bound of the
     * heap needed exceeds {@code maxHeap}.
     *
     * @param images images held in memory (training + validation), each {@code inputDim} values
     */
    public static void check(TrainSpec spec, int inputDim, int classes, long images, long maxHeap) {
        int[] hidden = spec.hiddenDims();
        int bytes = spec.dtype() == DType.FLOAT64 ? 8 : 4;
        long params = 0;
        long prev = inputDim;
        for (int i = 0; i <= hidden.length; i++) {
            long next = i < hidden.length ? hidden[i] : classes;
            long weights = prev * next; // < 2^62: both factors are ints
            if (weights > Integer.MAX_VALUE) {
                throw new SettingException("--hidden " + spec.hiddenText(",") + ": W" + (i + 1) + " would be " + prev + " x "
                        + next + " = " + String.format(Locale.ROOT, "%.3g", (double) weights) + " values ("
                        + size(weights * bytes) + " in " + spec.dtype().numpyName() + "), more than a Java array holds (2147483647)");
            }
            params += weights + next;
            if (i < hidden.length && spec.normalization() != Normalization.NONE) {
                params += 2 * next; // gamma, beta
            }
            prev = next;
        }
        int stateArrays = Optim.byName(spec.updateRule()).stateKeys().size();
        int copies = 3 + stateArrays; // weights, gradients, best weights, the update rule's state
        long netBytes = params * bytes * copies;
        long dataBytes = images * inputDim * bytes;
        long need = netBytes + dataBytes;
        if (need > maxHeap) {
            long suggestGiB = (long) Math.ceil(need * 1.25 / (1L << 30));
            throw new IllegalStateException("the net " + spec.hiddenText(",") + " needs at least " + size(need)
                    + " of heap (" + String.format(Locale.ROOT, "%,d", params) + " parameters x " + copies
                    + " copies in " + spec.dtype().numpyName() + ": weights, gradients, best weights"
                    + (stateArrays == 0 ? "" : ", " + spec.updateRule() + "'s " + String.join(" and ", Optim.byName(spec.updateRule()).stateKeys()))
                    + "; plus " + size(dataBytes) + " of images), but this JVM may use " + size(maxHeap)
                    + "; give it more (e.g. VECNN_JAVA_OPTS=-Xmx" + suggestGiB + "g) or choose smaller --hidden");
        }
    }

    /** Bytes for a person: 812 MB, 6.3 GB, 37 TB (powers of 1000). */
    public static String size(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
