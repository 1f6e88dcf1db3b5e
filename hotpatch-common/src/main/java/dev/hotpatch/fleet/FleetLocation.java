package dev.hotpatch.fleet;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a fleet's rollouts and host states live: {@code etcd://host:port[,host:port...]/prefix}
 * (plain HTTP to etcd's JSON gateway) or {@code etcds://...} (HTTPS). Every endpoint is a member
 * of the same etcd cluster; the prefix separates fleets sharing one cluster, e.g.
 * {@code etcd://10.0.0.5:2379,10.0.0.6:2379/hotpatch/shop}. Endpoints may also be separated by
 * {@code +}, for places where a comma separates something else (the agent's argument string).
 *
 * @param endpoints the members' base URLs ({@code http://host:port})
 * @param prefix    the key prefix, starting with {@code /} and not ending with one
 */
public record FleetLocation(List<URI> endpoints, String prefix) {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5})");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._-]+)+");

    public FleetLocation {
        endpoints = List.copyOf(endpoints);
    }

    public static boolean isFleet(String config) {
        String lower = config.toLowerCase(Locale.ROOT);
        return lower.startsWith("etcd://") || lower.startsWith("etcds://");
    }

    /** @throws FleetException when the text is not of the documented form */
    public static FleetLocation parse(String config) {
        String text = config.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        String scheme;
        if (lower.startsWith("etcd://")) {
            scheme = "http";
        } else if (lower.startsWith("etcds://")) {
            scheme = "https";
        } else {
            throw bad(config, "it does not start with etcd:// or etcds://");
        }
        String rest = text.substring(text.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad(config, "it names no key prefix after the endpoints");
        }
        String prefix = rest.substring(slash);
        while (prefix.length() > 1 && prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw bad(config, "its prefix '" + prefix + "' is not /name[/name...] of letters, digits, '.', '_', '-'");
        }
        List<URI> endpoints = new ArrayList<>();
        for (String endpoint : rest.substring(0, slash).split("[,+]")) {
            if (!HOST_PORT.matcher(endpoint).matches()) {
                throw bad(config, "endpoint '" + endpoint + "' is not host:port");
            }
            endpoints.add(URI.create(scheme + "://" + endpoint));
        }
        return new FleetLocation(endpoints, prefix);
    }

    /** Where rollouts are written: {@code <prefix>/rollouts/<id>}. */
    public String rolloutsPrefix() {
        return prefix + "/rollouts/";
    }

    public String rolloutKey(String id) {
        return rolloutsPrefix() + id;
    }

    /** Where each agent writes its state: {@code <prefix>/status/<host>/<pid>}. */
    public String statusPrefix() {
        return prefix + "/status/";
    }

    public String statusKey(String host, long pid) {
        return statusPrefix() + host + "/" + pid;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("https".equals(endpoints.get(0).getScheme()) ? "etcds://" : "etcd://");
        for (int i = 0; i < endpoints.size(); i++) {
            s.append(i == 0 ? "" : ",").append(endpoints.get(i).getAuthority());
        }
        return s.append(prefix).toString();
    }

    private static FleetException bad(String config, String why) {
        return new FleetException("fleet location '" + config + "' is not etcd://host:port[,host:port...]/prefix: "
                + why);
    }
}
