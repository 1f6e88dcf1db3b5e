package dev.hotpatch.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;

/** Opens the {@link PatchSource} that the {@code config=} URL names. */
final class PatchSources {
    private PatchSources() {
    }

    static PatchSource open(URI config, HttpClient http) {
        return switch (config.getScheme()) {
            case "file", "http", "https" -> new PatchSource() {
                @Override
                public Optional<DesiredPatch> read() throws Exception {
                    return DesiredPatch.read(config, http);
                }

                @Override
                public String describe() {
                    return config.toString();
                }
            };
            default -> throw new IllegalArgumentException("'config=" + config + "': the scheme " + config.getScheme()
                    + ": is not supported");
        };
    }
}
