package dev.hotpatch.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A properties file on this host ({@code version=}, {@code hash=}), read every interval; an absent file means no patch. */
final class FilePatchSource implements PatchSource {
    private final Path file;
    private final Duration interval;

    FilePatchSource(Path file, Duration interval) {
        this.file = file;
        this.interval = interval;
    }

    @Override
    public Optional<DesiredPatch> read() throws IOException {
        try {
            return PatchSources.fromProperties(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void awaitChange(Duration max) throws InterruptedException {
        Thread.sleep(Math.min(max.toMillis(), interval.toMillis()));
    }

    @Override
    public String describe() {
        return file.toUri().toString();
    }
}
