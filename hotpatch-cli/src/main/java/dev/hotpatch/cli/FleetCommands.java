package dev.hotpatch.cli;

import dev.hotpatch.fleet.FleetException;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.fleet.StatusTable;
import dev.hotpatch.format.PatchCoordinates;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code hotpatch status} and {@code hotpatch rollout}: the fleet goals of the plugin without Maven,
 * over the same core ({@link FleetStore}). Exit code 0 done, 1 failed (or, for status, a rollout
 * has refused hosts), 2 bad command line.
 */
final class FleetCommands {
    static final Set<String> COMMANDS = Set.of("status", "rollout");
    /** {@code user:password} for the repository, from the environment so it stays off the command line. */
    static final String AUTH_VARIABLE = "HOTPATCH_REPOSITORY_AUTH";

    static final String USAGE = """
            usage: hotpatch status --fleet etcd://HOST:PORT[,HOST:PORT...]/PREFIX [--json] [--stale-after SECONDS]
                   hotpatch rollout --fleet URL --repository URL --baseline G:A:V --hash SHA256
                                    [--percent N | --hosts NAME,GLOB...] [--id ID] [--note TEXT]
                   hotpatch rollout --fleet URL --delete --id ID
            status prints the fleet table (JSON with --json); exit code 1 while a rollout has refused hosts.
            rollout writes a rollout for a published, hot-swappable patch (all hosts unless --percent or --hosts),
            or deletes one; repository credentials come from $HOTPATCH_REPOSITORY_AUTH (user:password).
            """;

    private FleetCommands() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Map<String, String> options;
        FleetLocation location;
        try {
            options = parse(args);
            location = FleetLocation.parse(required(options, "fleet"));
        } catch (IllegalArgumentException | FleetException e) {
            err.println("hotpatch: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            FleetStore store = new FleetStore(location);
            if (args[0].equals("status")) {
                StatusTable table = store.status(Instant.now(), Duration.ofSeconds(
                        Long.parseLong(options.getOrDefault("stale-after", "120"))));
                out.print(options.containsKey("json") ? table.json() : table.text());
                return table.hasRefusals() ? 1 : 0;
            }
            if (options.containsKey("delete")) {
                String id = required(options, "id");
                out.println(store.delete(id) ? "deleted rollout " + id : "no rollout " + id + "; nothing deleted");
                return 0;
            }
            String[] baseline = required(options, "baseline").split(":");
            if (baseline.length < 3) {
                throw new IllegalArgumentException("--baseline needs groupId:artifactId[:...]:version");
            }
            if (options.containsKey("percent") && options.containsKey("hosts")) {
                throw new IllegalArgumentException("give --percent or --hosts, not both");
            }
            String hash = required(options, "hash").toLowerCase(Locale.ROOT);
            Rollout.Target target = options.containsKey("percent")
                    ? Rollout.Target.percent(Integer.parseInt(options.get("percent")))
                    : options.containsKey("hosts") ? Rollout.Target.hosts(Arrays.stream(options.get("hosts").split(","))
                            .map(String::trim).filter(h -> !h.isEmpty()).toList())
                    : Rollout.Target.all();
            String auth = environment.get(AUTH_VARIABLE);
            Rollout rollout = store.rollOut(URI.create(required(options, "repository")), auth == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)),
                    PatchCoordinates.of(baseline[0], baseline[1], baseline[baseline.length - 1], hash), hash, target,
                    options.get("id"), options.get("note"), Instant.now());
            out.println("rolled out " + rollout.patch().label() + " to " + rollout.target() + " of the hosts running "
                    + rollout.baselineSha256() + ": " + store.location().rolloutKey(rollout.id()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("hotpatch: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (FleetException | IOException e) {
            err.println("hotpatch: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("hotpatch: interrupted");
            return 1;
        }
    }

    private static final Set<String> FLAGS = Set.of("json", "delete");
    private static final Set<String> VALUED = Set.of("fleet", "stale-after", "repository", "baseline", "hash",
            "percent", "hosts", "id", "note");

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && FLAGS.contains(name)) {
                options.put(name, "");
            } else if (name != null && VALUED.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " for " + args[0]);
            }
        }
        for (String number : List.of("percent", "stale-after")) {
            if (options.containsKey(number) && !options.get(number).matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("--" + number + " needs a whole number, not " + options.get(number));
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
