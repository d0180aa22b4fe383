package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tile and blocking choice of {@link GemmShape}: register count, forced tiles, block sizes. */
class GemmShapeTest {

    @Test
    void registerCountIsTheIsaBudget() {
        assertThat(GemmShape.REGISTERS).isEqualTo(Isa.vectorRegisters());
    }

    @Test
    void sixteenRegisterTileFollowsTheJdk() {
        assertThat(GemmShape.tileFor16Registers(17, Double.BYTES)).containsExactly(4, 2);
        assertThat(GemmShape.tileFor16Registers(21, Double.BYTES)).containsExactly(4, 2);
        assertThat(GemmShape.tileFor16Registers(25, Double.BYTES)).containsExactly(3, 3);
        assertThat(GemmShape.tileFor16Registers(26, Double.BYTES)).containsExactly(3, 3);
        assertThat(GemmShape.tileFor16Registers(17, Float.BYTES)).containsExactly(4, 2);
        assertThat(GemmShape.tileFor16Registers(21, Float.BYTES)).containsExactly(4, 2);
        assertThat(GemmShape.tileFor16Registers(25, Float.BYTES)).containsExactly(4, 2);
    }

    @Test
    void onlyTheSixRowTilePacksAAlways() {
        assertThat(GemmShape.wide(6, 2, 8, 4).readsAInPlace()).isFalse();
        assertThat(GemmShape.wide(4, 2, 8, 4).readsAInPlace()).isTrue();
        assertThat(GemmShape.wide(8, 2, 16, 4).readsAInPlace()).isTrue();
        assertThat(GemmShape.wide(3, 3, 4, 8).readsAInPlace()).isTrue();
        assertThat(GemmShape.narrow(8, 4).readsAInPlace()).isTrue();
        GemmShape six = GemmShape.wide(6, 2, 8, 4);
        assertThat(six.inPlacePartner()).satisfies(p -> {
            assertThat(p.rows).isEqualTo(4);
            assertThat(p.vectors).isEqualTo(2);
            assertThat(p.lanes).isEqualTo(8);
            assertThat(p.readsAInPlace()).isTrue();
        });
        assertThat(six.toString()).endsWith("A packed (narrow C: 4x2 reading A in place)");
        GemmShape four = GemmShape.wide(4, 2, 8, 4);
        assertThat(four.inPlacePartner()).isSameAs(four);
        assertThat(four.toString()).doesNotContain("A packed");
    }

    @Test
    void forcedTileIsParsedOrRejectedWithTheChoices() {
        assertThat(GemmShape.forcedTile(null)).isNull();
        assertThat(GemmShape.forcedTile(" ")).isNull();
        assertThat(GemmShape.forcedTile("8x2")).containsExactly(8, 2);
        assertThat(GemmShape.forcedTile("4X2")).containsExactly(4, 2);
        assertThatThrownBy(() -> GemmShape.forcedTile("5x2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vecnn.gemmTile").hasMessageContaining("4x2, 8x2, 3x3, 6x2").hasMessageContaining("'5x2'");
        assertThatThrownBy(() -> GemmShape.forcedTile("eight"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'eight'");
        assertThatThrownBy(() -> GemmShape.wide(5, 5, 16, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5x5");
    }

    @Test
    void blocksAreWholeTilesAndDepthBlockIsFixed() {
        GemmShape f = GemmShape.wide(8, 2, 16, Float.BYTES);
        assertThat(f.nr()).isEqualTo(32);
        assertThat(f.kc).isEqualTo(512);
        assertThat(f.mc).isEqualTo(144);          // 288 KB / (512 * 4 B), a multiple of 8
        assertThat(f.nc).isEqualTo(1024);
        GemmShape d = GemmShape.wide(8, 2, 8, Double.BYTES);
        assertThat(d.mc).isEqualTo(72);
        assertThat(d.kc).isEqualTo(512);
        GemmShape n = GemmShape.narrow(4, Float.BYTES);
        assertThat(n.rows).isEqualTo(8);
        assertThat(n.nr()).isEqualTo(4);
        assertThat(n.mc % n.rows).isZero();
    }
}
