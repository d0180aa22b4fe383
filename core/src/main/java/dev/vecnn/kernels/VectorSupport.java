package dev.vecnn.kernels;

import java.lang.System.Logger.Level;

/**
 * Decides, once per JVM, whether the SIMD kernels (JDK Vector API, module
 * {@code jdk.incubator.vector}) are used or the scalar twins.
 *
 * <p>The decision is made at class initialisation and logged with exactly one
 * {@link System.Logger} line. SIMD implementation classes are only ever loaded through
 * {@link #choose}, by name, so nothing that references {@code jdk.incubator.vector} is loaded
 * when the module is absent: the library runs (slower) without {@code --add-modules}.
 *
 * <p>System property {@code vecnn.simd=false} forces the scalar twins even when the module is
 * readable (useful for comparisons and benchmarks).
 */
public final class VectorSupport {

    /**
     * System property that forces a narrower vector width than the machine's (128, 256 or 512),
     * so every width can be tested on a wide machine; read once, by the SIMD kernels' species.
     */
    public static final String VECTOR_BITS_PROPERTY = "vecnn.vectorBits";

    /** Name of the incubator module that carries the Vector API. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final boolean MODULE_READABLE = ModuleLayer.boot().findModule(MODULE).isPresent();
    private static final boolean ENABLED =
            MODULE_READABLE && !"false".equalsIgnoreCase(System.getProperty("vecnn.simd", "true"));
    private static final int FLOAT_LANES;
    private static final int DOUBLE_LANES;
    private static final int VECTOR_BITS;
    private static final int MACHINE_BITS;

    static {
        int floatLanes = 1;
        int doubleLanes = 1;
        int bits = 0;
        int machineBits = 0;
        if (ENABLED) {
            try {
                Class<?> probe = Class.forName("dev.vecnn.kernels.simd.SimdProbe");
                int[] shape = (int[]) probe.getMethod("shape").invoke(null);
                floatLanes = shape[0];
                doubleLanes = shape[1];
                bits = shape[2];
                machineBits = shape[3];
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        FLOAT_LANES = floatLanes;
        DOUBLE_LANES = doubleLanes;
        VECTOR_BITS = bits;
        MACHINE_BITS = machineBits;
        System.Logger log = System.getLogger("dev.vecnn");
        if (ENABLED) {
            log.log(Level.INFO, "vecnn: SIMD kernels (Vector API, " + VECTOR_BITS + "-bit: "
                    + FLOAT_LANES + " float / " + DOUBLE_LANES + " double lanes"
                    + (VECTOR_BITS != MACHINE_BITS ? "; forced by -D" + VECTOR_BITS_PROPERTY
                            + ", the machine's is " + MACHINE_BITS + "-bit" : "") + ")");
        } else if (!MODULE_READABLE) {
            log.log(Level.INFO, "vecnn: scalar kernels; add the JVM flag --add-modules " + MODULE
                    + " to use the SIMD kernels");
        } else {
            log.log(Level.INFO, "vecnn: scalar kernels (SIMD switched off by -Dvecnn.simd=false)");
        }
    }

    private VectorSupport() {}

    /** True when the SIMD kernels are in use. */
    public static boolean simdEnabled() {
        return ENABLED;
    }

    /** True when {@code jdk.incubator.vector} is readable, whether or not SIMD is enabled. */
    public static boolean moduleReadable() {
        return MODULE_READABLE;
    }

    /**
     * The machine's preferred vector width in bits (whatever {@value #VECTOR_BITS_PROPERTY}
     * says), 0 when scalar.
     */
    public static int machineVectorBits() {
        return MACHINE_BITS;
    }

    /** Float lanes of the species in use, 1 when scalar. */
    public static int floatLanes() {
        return FLOAT_LANES;
    }

    /** Double lanes of the species in use, 1 when scalar. */
    public static int doubleLanes() {
        return DOUBLE_LANES;
    }

    /** Bit size of the vector shape in use (see {@value #VECTOR_BITS_PROPERTY}), 0 when scalar. */
    public static int vectorBits() {
        return VECTOR_BITS;
    }

    /** One-line description of the kernels in use, e.g. "simd (512-bit)" or "scalar". */
    public static String describe() {
        if (!ENABLED) {
            return "scalar";
        }
        return "simd (Vector API, " + VECTOR_BITS + "-bit"
                + (VECTOR_BITS != MACHINE_BITS ? ", forced; machine " + MACHINE_BITS + "-bit" : "") + ")";
    }

    /**
     * Returns the SIMD implementation {@code simdClassName} (which must implement {@code type}
     * and have a public no-argument constructor) when SIMD is enabled, else {@code scalar}.
     */
    public static <T> T choose(Class<T> type, String simdClassName, T scalar) {
        T simd = simdOrNull(type, simdClassName);
        return simd != null ? simd : scalar;
    }

    /**
     * The SIMD implementation when SIMD is enabled, else null. Tests use this to compare the
     * SIMD kernels with their scalar twins (and skip when it is null).
     */
    public static <T> T simdOrNull(Class<T> type, String simdClassName) {
        if (!ENABLED) {
            return null;
        }
        try {
            return type.cast(Class.forName(simdClassName).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load SIMD kernel " + simdClassName, e);
        }
    }
}
