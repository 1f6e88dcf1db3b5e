package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.junit.jupiter.api.Test;

class TransferFailureTest {
    private static final DefaultArtifact ARTIFACT = new DefaultArtifact("g:a:1.0");
    private static final RemoteRepository REPOSITORY =
            new RemoteRepository.Builder("r", "default", "http://127.0.0.1:1/repo").build();

    private static Exception transfer(Throwable cause) {
        return new IllegalStateException("deploy failed",
                new ArtifactTransferException(ARTIFACT, REPOSITORY, cause));
    }

    @Test
    void unauthorizedAndForbiddenAreAuthenticationFailures() {
        assertThat(TransferFailure.of(transfer(new IOException("status code: 401, reason phrase: Unauthorized (401)"))))
                .isEqualTo(TransferFailure.UNAUTHORIZED);
        assertThat(TransferFailure.of(transfer(new IOException("Return code is: 403, ReasonPhrase: Forbidden."))))
                .isEqualTo(TransferFailure.UNAUTHORIZED);
    }

    @Test
    void serverErrorsTimeoutsAndRefusedConnectionsAreTransient() {
        assertThat(TransferFailure.of(transfer(new IOException("status code: 503, reason phrase: Service Unavailable"))))
                .isEqualTo(TransferFailure.TRANSIENT);
        assertThat(TransferFailure.of(transfer(new IOException("status code: 429, reason phrase: Too Many Requests"))))
                .isEqualTo(TransferFailure.TRANSIENT);
        assertThat(TransferFailure.of(transfer(new ConnectException("Connection refused"))))
                .isEqualTo(TransferFailure.TRANSIENT);
        assertThat(TransferFailure.of(transfer(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(TransferFailure.TRANSIENT);
    }

    @Test
    void aMissingArtifactIsNotFound() {
        assertThat(TransferFailure.of(new IllegalStateException("resolution failed",
                new ArtifactNotFoundException(ARTIFACT, REPOSITORY)))).isEqualTo(TransferFailure.NOT_FOUND);
    }

    @Test
    void otherClientErrorsArePermanent() {
        assertThat(TransferFailure.of(transfer(new IOException("status code: 405, reason phrase: Not Allowed"))))
                .isEqualTo(TransferFailure.PERMANENT);
        assertThat(TransferFailure.of(transfer(new IOException("Checksum validation failed"))))
                .isEqualTo(TransferFailure.PERMANENT);
    }
}
