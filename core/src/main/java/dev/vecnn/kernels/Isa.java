package dev.vecnn.kernels;

import java.lang.reflect.Method;

/**
 * The vector instruction set the JVM was started with, as far as the kernels care: HotSpot's
 * {@code UseAVX} level and the number of vector registers C2 may allocate.
 *
 * <p>{@code -XX:UseAVX=2} on an AVX-512 CPU gives C2 the 256-bit code and the 16 vector
 * registers of an AVX2 CPU ({@code =1}: 128-bit AVX, {@code =0}: SSE); the register budget
 * decides the GEMM tile ({@link GemmShape#REGISTERS}), so it must follow the JVM as started, not
 * the CPU. The level is read once through the HotSpot diagnostic MXBean, by reflection so the
 * library needs neither {@code java.management} nor {@code jdk.management} at run time; when
 * they are absent, the JVM is not HotSpot, or the option does not exist (AArch64), the level is
 * {@link #UNKNOWN} and the budget falls back to a guess from the architecture and the vector
 * width.
 */
public final class Isa {
    /** The {@code UseAVX} level when it cannot be read. */
    public static final int UNKNOWN = -1;

    private static final String ARCH = System.getProperty("os.arch", "");
    private static final int USE_AVX = readUseAvx();

    private Isa() {}

    /** HotSpot's {@code UseAVX} level in force (0-3), or {@link #UNKNOWN}. */
    public static int useAvx() {
        return USE_AVX;
    }

    /** Vector registers C2 may allocate in this JVM: 32 or 16. */
    public static int vectorRegisters() {
        return vectorRegisters(ARCH, USE_AVX, VectorSupport.machineVectorBits());
    }

    /**
     * 32 on AArch64, and on x86 when AVX-512 is in force ({@code UseAVX >= 3}, whose EVEX
     * encoding gives 32 registers at every width) and the machine's vectors are 512 bits wide;
     * 16 otherwise (x86 with AVX2, AVX or SSE; the safe guess elsewhere). With the level unknown
     * ({@code useAvx < 0}) 512-bit vectors alone imply AVX-512.
     *
     * @param arch {@code os.arch}
     * @param useAvx the {@code UseAVX} level, or {@link #UNKNOWN}
     * @param machineBits the preferred vector width of the JVM in bits (0 when scalar)
     */
    static int vectorRegisters(String arch, int useAvx, int machineBits) {
        if (arch.equals("aarch64")) return 32;
        if (isX86(arch) && machineBits >= 512 && (useAvx >= 3 || useAvx == UNKNOWN)) return 32;
        return 16;
    }

    /**
     * E.g. {@code AVX-512 (UseAVX=3), 32 vector registers} or {@code AVX2 (UseAVX=2), 16 vector
     * registers}; for {@code vecnn info} and {@code vecnn bench}.
     */
    public static String describe() {
        return describe(ARCH, USE_AVX, VectorSupport.machineVectorBits());
    }

    static String describe(String arch, int useAvx, int machineBits) {
        int registers = vectorRegisters(arch, useAvx, machineBits);
        String name;
        if (isX86(arch)) {
            name = switch (useAvx) {
                case UNKNOWN -> (machineBits >= 512 ? "AVX-512" : machineBits >= 256 ? "AVX2" : "x86")
                        + " (UseAVX unknown, guessed from " + machineBits + "-bit vectors)";
                case 0 -> "SSE (UseAVX=0)";
                case 1 -> "AVX (UseAVX=1)";
                case 2 -> "AVX2 (UseAVX=2)";
                default -> "AVX-512 (UseAVX=" + useAvx + ")";
            };
        } else if (arch.equals("aarch64")) {
            name = "AArch64 (" + machineBits + "-bit vectors)";
        } else {
            name = arch + " (" + machineBits + "-bit vectors)";
        }
        return name + ", " + registers + " vector registers";
    }

    private static boolean isX86(String arch) {
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** Reads {@code UseAVX} from the HotSpot diagnostic MXBean, {@link #UNKNOWN} on any failure. */
    private static int readUseAvx() {
        if (!isX86(ARCH)) return UNKNOWN;
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Method get = factory.getMethod("getPlatformMXBean", Class.class);
            Object diagnostics = get.invoke(null, bean);
            if (diagnostics == null) return UNKNOWN;
            Object option = bean.getMethod("getVMOption", String.class).invoke(diagnostics, "UseAVX");
            Object value = option.getClass().getMethod("getValue").invoke(option);
            return parseLevel(String.valueOf(value));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not HotSpot, management modules not in the image, or no such option
            return UNKNOWN;
        }
    }

    static int parseLevel(String value) {
        try {
            int level = Integer.parseInt(value.trim());
            return level >= 0 ? level : UNKNOWN;
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }
}
