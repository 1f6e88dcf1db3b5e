package dev.hotpatch.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void aStreamIsHashedAcrossItsBuffersCopiedWholeAndClosed() throws IOException {
        byte[] data = new byte[200_000]; // more than three of the 64 KB reads
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        boolean[] closed = new boolean[1];
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Sha256.Digest d = Sha256.of(in, copy);

        assertThat(d.hex()).isEqualTo(Sha256.of(data)).hasSize(64);
        assertThat(d.size()).isEqualTo(data.length);
        assertThat(copy.toByteArray()).isEqualTo(data);
        assertThat(closed[0]).isTrue();
    }

    @Test
    void theDigestOfNothingIsTheKnownOne() {
        assertThat(Sha256.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aFailingStreamFailsAndIsClosed() {
        boolean[] closed = new boolean[1];
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        assertThatThrownBy(() -> Sha256.of(failing, null)).hasMessage("disk gone");
        assertThat(closed[0]).isTrue();
    }
}
