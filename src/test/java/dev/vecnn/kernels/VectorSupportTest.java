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
        } else {
            assertThat(VectorSupport.floatLanes()).isEqualTo(1);
            assertThat(VectorSupport.describe()).isEqualTo("scalar");
        }
    }
}
