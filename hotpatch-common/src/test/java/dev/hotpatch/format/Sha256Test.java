package dev.hotpatch.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void theMarkRunsOnceWhenReachedAndTheDigestIsUnchanged() throws IOException {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        List<Long> seenAt = new ArrayList<>();
        long[] read = new long[1];
        InputStream counting = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };

        Sha256.Digest d = Sha256.of(counting, null, 100_000, () -> seenAt.add(read[0]));

        assertThat(d.hex()).isEqualTo(Sha256.of(data));
        assertThat(d.size()).isEqualTo(data.length);
        assertThat(seenAt).hasSize(1);
        assertThat(seenAt.get(0)).isBetween(100_000L, 100_000L + 64 * 1024);
    }

    @Test
    void aShortOrFailingStreamStillRunsTheMark() throws IOException {
        List<String> calls = new ArrayList<>();
        Sha256.of(new ByteArrayInputStream(new byte[10]), null, 1000, () -> calls.add("short"));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThatThrownBy(() -> Sha256.of(failing, null, 1000, () -> calls.add("failed"))).hasMessage("disk gone");

        assertThat(calls).containsExactly("short", "failed");
    }
}
