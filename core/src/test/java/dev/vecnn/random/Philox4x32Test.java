package dev.vecnn.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors of Philox4x32-10 from Random123's {@code tests/kat_vectors}
 * (github.com/DEShawResearch/random123), the three "philox4x32 10" lines:
 * counter (4 words), key (2 words), expected output (4 words).
 */
class Philox4x32Test {

    @Test
    void zeroCounterZeroKey() {
        assertBlock(new int[] {0, 0, 0, 0}, new int[] {0, 0},
                new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    }

    @Test
    void allOnes() {
        assertBlock(new int[] {-1, -1, -1, -1}, new int[] {-1, -1},
                new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    }

    @Test
    void digitsOfPi() {
        assertBlock(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    }

    private static void assertBlock(int[] counter, int[] key, int[] expected) {
        int[] out = new int[6];
        Philox4x32.block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out, 2);
        assertThat(out).containsExactly(0, 0, expected[0], expected[1], expected[2], expected[3]);
        for (int w = 0; w < 4; w++) {
            assertThat(Philox4x32.word(counter[0], counter[1], counter[2], counter[3], key[0], key[1], w))
                    .isEqualTo(expected[w]);
        }
    }
}
