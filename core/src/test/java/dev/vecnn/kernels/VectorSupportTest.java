package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorSupportTest {
    @Test
    void choiceMatchesModulePresence() {
        boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(VectorSupport.moduleReadable()).isEqualTo(readable);
        if (VectorSupport.simdEnabled()) {
            assertThat(VectorSupport.floatLanes()).isGreaterThanOrEqualTo(2);
            assertThat(VectorSupport.doubleLanes() * 2).isEqualTo(VectorSupport.floatLanes());
            assertThat(VectorSupport.floatLanes() * 32).isEqualTo(VectorSupport.vectorBits());
            String forced = System.getProperty(VectorSupport.VECTOR_BITS_PROPERTY);
            int expected = forced == null
                    ? VectorSupport.machineVectorBits()
                    : Math.min(Integer.parseInt(forced), VectorSupport.machineVectorBits());
            assertThat(VectorSupport.vectorBits()).isEqualTo(expected);
        } else {
            assertThat(VectorSupport.floatLanes()).isEqualTo(1);
            assertThat(VectorSupport.describe()).isEqualTo("scalar");
        }
    }
}
