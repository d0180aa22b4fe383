package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Isa}: the register budget as a function of (architecture, UseAVX, vector width), and the
 * level read from the running JVM against the flags it was started with. Run the suite with
 * {@code -Dvecnn.test.extraArgs=-XX:UseAVX=2} to check the AVX2 case on an AVX-512 machine.
 */
class IsaTest {

    @Test
    void registerBudgetFollowsArchitectureLevelAndWidth() {
        assertThat(Isa.vectorRegisters("amd64", 3, 512)).isEqualTo(32);
        assertThat(Isa.vectorRegisters("x86_64", 3, 512)).isEqualTo(32);
        assertThat(Isa.vectorRegisters("amd64", 2, 256)).isEqualTo(16);
        assertThat(Isa.vectorRegisters("amd64", 2, 512)).isEqualTo(16);   // cannot happen, but AVX2 has 16
        assertThat(Isa.vectorRegisters("amd64", 1, 128)).isEqualTo(16);
        assertThat(Isa.vectorRegisters("amd64", 0, 128)).isEqualTo(16);
        assertThat(Isa.vectorRegisters("amd64", 3, 256)).isEqualTo(16);   // AVX-512 capped below 512 bits
        assertThat(Isa.vectorRegisters("amd64", Isa.UNKNOWN, 512)).isEqualTo(32);
        assertThat(Isa.vectorRegisters("amd64", Isa.UNKNOWN, 256)).isEqualTo(16);
        assertThat(Isa.vectorRegisters("amd64", Isa.UNKNOWN, 0)).isEqualTo(16);
        assertThat(Isa.vectorRegisters("aarch64", Isa.UNKNOWN, 128)).isEqualTo(32);
        assertThat(Isa.vectorRegisters("riscv64", Isa.UNKNOWN, 0)).isEqualTo(16);
    }

    @Test
    void describeNamesLevelAndRegisters() {
        assertThat(Isa.describe("amd64", 3, 512)).isEqualTo("AVX-512 (UseAVX=3), 32 vector registers");
        assertThat(Isa.describe("amd64", 2, 256)).isEqualTo("AVX2 (UseAVX=2), 16 vector registers");
        assertThat(Isa.describe("amd64", 1, 128)).isEqualTo("AVX (UseAVX=1), 16 vector registers");
        assertThat(Isa.describe("amd64", 0, 128)).isEqualTo("SSE (UseAVX=0), 16 vector registers");
        assertThat(Isa.describe("amd64", Isa.UNKNOWN, 512))
                .isEqualTo("AVX-512 (UseAVX unknown, guessed from 512-bit vectors), 32 vector registers");
        assertThat(Isa.describe("aarch64", Isa.UNKNOWN, 128)).isEqualTo("AArch64 (128-bit vectors), 32 vector registers");
    }

    @Test
    void levelParsing() {
        assertThat(Isa.parseLevel("3")).isEqualTo(3);
        assertThat(Isa.parseLevel(" 0 ")).isEqualTo(0);
        assertThat(Isa.parseLevel("-1")).isEqualTo(Isa.UNKNOWN);
        assertThat(Isa.parseLevel("")).isEqualTo(Isa.UNKNOWN);
        assertThat(Isa.parseLevel("null")).isEqualTo(Isa.UNKNOWN);
    }

    /** When the JVM was started with {@code -XX:UseAVX=N}, the level read is N and the budget follows. */
    @Test
    void levelInForceMatchesTheJvmFlag() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Integer flag = null;
        for (String a : args) {
            if (a.startsWith("-XX:UseAVX=")) flag = Integer.parseInt(a.substring("-XX:UseAVX=".length()));
        }
        String arch = System.getProperty("os.arch");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        String vm = System.getProperty("java.vm.name", "");
        if (x86 && (vm.contains("HotSpot") || vm.contains("OpenJDK"))) {
            assertThat(Isa.useAvx()).as("UseAVX read on x86 HotSpot").isBetween(0, 3);
        }
        if (flag != null) {
            assertThat(Isa.useAvx()).isEqualTo(flag);
            if (flag < 3) {
                assertThat(Isa.vectorRegisters()).isEqualTo(16);
                assertThat(GemmShape.REGISTERS).isEqualTo(16);
                assertThat(Isa.describe()).contains("UseAVX=" + flag).endsWith("16 vector registers");
            }
        }
        assertThat(Isa.describe()).endsWith(Isa.vectorRegisters() + " vector registers");
    }
}
