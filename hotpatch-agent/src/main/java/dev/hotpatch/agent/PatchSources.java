package dev.hotpatch.agent;

import dev.hotpatch.fleet.FleetLocation;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The one place that turns the agent's {@code config=} setting into a {@link PatchSource}, by its scheme:
 * <ul>
 * <li>{@code file:/etc/shop/hotpatch.properties} — {@link FilePatchSource}, read every interval;</li>
 * <li>{@code http(s)://...} — {@link HttpPatchSource}, a conditional GET every interval, jittered;</li>
 * <li>{@code etcd://host:port[,host:port...]/prefix} (or {@code etcds://}) — {@link EtcdPatchSource}:
 *     the rollouts under the prefix, watched (no polling); this host's state is written back.</li>
 * </ul>
 * A source that reports state back to its store also implements {@link AgentState.Listener}.
 */
final class PatchSources {
    private PatchSources() {
    }

    /**
     * @param interval how often a file or URL is read again (a store pushes changes instead)
     * @param log      where the source's own lines go (store lost, store back)
     * @throws IllegalArgumentException for a config the agent cannot use, with one line saying why
     */
    static PatchSource open(URI config, HostIdentity identity, Duration interval, Consumer<String> log) {
        String scheme = config.getScheme() == null ? "" : config.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> new FilePatchSource(Path.of(config), interval);
            case "http", "https" -> new HttpPatchSource(config, interval);
            case "etcd", "etcds" -> {
                try {
                    yield new EtcdPatchSource(FleetLocation.parse(config.toString()), identity, log);
                } catch (dev.hotpatch.fleet.FleetException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("config " + config + " is not a file:, http(s):, etcd:"
                    + " or etcds: URL");
        };
    }

    /**
     * Properties {@code version=...} and {@code hash=...}: the form of a file or URL config. Empty
     * content or an empty version means "no patch".
     */
    static Optional<DesiredPatch> fromProperties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        String version = p.getProperty("version", "").trim();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DesiredPatch(version, p.getProperty("hash", "").trim().toLowerCase(Locale.ROOT)));
    }
}
