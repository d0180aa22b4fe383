package dev.vecnn.kernels.simd;

import java.lang.System.Logger.Level;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every SIMD kernel uses, chosen once per JVM in this one place.
 *
 * <p>By default it is the machine's preferred width ({@code FloatVector.SPECIES_PREFERRED}).
 * System property {@code vecnn.vectorBits} (128, 256 or 512) forces a narrower width, so the
 * 4-lane and 8-lane paths can be tested on a wide machine (CI does so at each width the machine
 * supports); a value wider than the machine's is capped at the machine's width (one log line).
 * All kernels take their species from here, never {@code SPECIES_PREFERRED}: two species of one
 * element type in a JVM make C2 merge them in shared Vector API methods and box vectors. The
 * fields are static final, so C2 folds them as constants.
 */
public final class Species {
    /** The system property that forces a width. */
    public static final String PROPERTY = "vecnn.vectorBits"; // VectorSupport.VECTOR_BITS_PROPERTY

    /** The machine's preferred vector width in bits. */
    public static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    /** The width in use, in bits: the preferred width unless {@value #PROPERTY} narrows it. */
    public static final int BITS = chooseBits(System.getProperty(PROPERTY));

    static final VectorShape SHAPE = VectorShape.forBitSize(BITS);
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.vectorBitSize() == BITS
            ? FloatVector.SPECIES_PREFERRED : VectorSpecies.of(float.class, SHAPE);
    static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED.vectorBitSize() == BITS
            ? DoubleVector.SPECIES_PREFERRED : VectorSpecies.of(double.class, SHAPE);
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHAPE);
    static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SHAPE);

    private Species() {}

    /** The width for property value {@code value} (null: not set) on this machine. */
    static int chooseBits(String value) {
        if (value == null || value.isBlank()) {
            return PREFERRED_BITS;
        }
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + PROPERTY + ": expected 128, 256 or 512 (at most "
                    + PREFERRED_BITS + " on this machine), got '" + value + "'");
        }
        if (bits > PREFERRED_BITS) {
            System.getLogger("dev.vecnn").log(Level.WARNING, "vecnn: -D" + PROPERTY + "=" + bits
                    + " is wider than this machine's " + PREFERRED_BITS + "-bit vectors; using "
                    + PREFERRED_BITS);
            return PREFERRED_BITS;
        }
        return bits;
    }
}
