package dev.vecnn.data;

import dev.vecnn.io.DataException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The background decompression used for big archives: same bytes, same errors, clean stop. */
@Timeout(60)
class PrefetchInputTest {
    @Test
    void passesEveryByteThrough() throws IOException {
        byte[] data = new byte[3 * (1 << 20) + 12345];
        new Random(1).nextBytes(data);
        try (PrefetchInput in = new PrefetchInput(new ByteArrayInputStream(data), "t")) {
            byte[] out = new byte[data.length];
            int n = 0;
            int r;
            while ((r = in.read(out, n, Math.min(7777, out.length - n))) > 0) {
                n += r;
            }
            assertThat(n).isEqualTo(data.length);
            assertThat(in.read()).isEqualTo(-1);
            assertArrayEquals(data, out);
        }
    }

    @Test
    void rethrowsTheSourceFailureWhereItHappened() throws IOException {
        InputStream failing = new InputStream() {
            int left = 5000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new DataException("broken at 5000");
                }
                return 1;
            }
        };
        try (PrefetchInput in = new PrefetchInput(failing, "t")) {
            assertThatThrownBy(() -> in.readAllBytes()).isInstanceOf(DataException.class).hasMessage("broken at 5000");
            assertThatThrownBy(in::read).isInstanceOf(DataException.class);
        }
    }

    @Test
    void archiveLoadsTheSameWithPrefetch() throws IOException {
        CifarFixture f = new CifarFixture(31, new int[] {120, 100, 90, 80, 70}, 60); // ~1.5 MB: several blocks
        byte[] gz = f.tarGz();
        CifarOptions o = CifarOptions.defaults().withNumTraining(400).withNumValidation(60).withNumTest(50);
        CifarSplits plain = new CifarLoader(new CifarFiles.Archive("a", () -> new ByteArrayInputStream(gz), false), o).load();
        CifarSplits ahead = new CifarLoader(new CifarFiles.Archive("a", () -> new ByteArrayInputStream(gz), true), o).load();
        assertArrayEquals(plain.train().floats(), ahead.train().floats());
        assertArrayEquals(plain.test().labels(), ahead.test().labels());
        byte[] cut = Arrays.copyOf(gz, gz.length * 2 / 3);
        assertThatThrownBy(() -> new CifarLoader(new CifarFiles.Archive("cut", () -> new ByteArrayInputStream(cut), true), o)
                .load()).isInstanceOf(DataException.class).hasMessageContaining("truncated");
    }
}
