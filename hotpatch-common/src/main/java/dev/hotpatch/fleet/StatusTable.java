package dev.hotpatch.fleet;

import dev.hotpatch.format.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fleet at one moment: for each rollout, the hosts it targets (by the same precedence the
 * agents use) and where each stands; the hosts no rollout targets; the keys that could not be read.
 *
 * @param location   the store and prefix read
 * @param now        when it was read
 * @param staleAfter how long after a rollout was written a targeted host may still be pending
 */
public record StatusTable(String location, Instant now, Duration staleAfter, List<Row> rows,
        List<HostStatus> untargeted, List<String> problems) {

    /** Where a targeted host stands. */
    public enum State {
        /** It runs the rollout's patch (or, for a removal, no patch). */
        APPLIED,
        /** It has not run the patch yet and has not refused it. */
        PENDING,
        /** It refused the patch; the reason says why. */
        REFUSED,
        /** Still pending longer than {@code staleAfter} after the rollout was written. */
        STALE
    }

    public record Member(HostStatus host, State state) {
    }

    public record Row(Rollout rollout, List<Member> members) {
        public long count(State state) {
            return members.stream().filter(m -> m.state() == state).count();
        }
    }

    public StatusTable {
        rows = List.copyOf(rows);
        untargeted = List.copyOf(untargeted);
        problems = List.copyOf(problems);
    }

    public static StatusTable of(String location, RolloutSet rollouts, List<HostStatus> hosts, List<String> hostProblems,
            Instant now, Duration staleAfter) {
        Map<String, List<Member>> members = new LinkedHashMap<>();
        rollouts.entries().forEach(e -> members.put(e.rollout().id(), new ArrayList<>()));
        List<HostStatus> untargeted = new ArrayList<>();
        List<HostStatus> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparing(HostStatus::host).thenComparingLong(HostStatus::pid));
        for (HostStatus host : sorted) {
            Rollout rollout = rollouts.forHost(host.host(), host.deployedSha256()).orElse(null);
            if (rollout == null) {
                untargeted.add(host);
            } else {
                members.get(rollout.id()).add(new Member(host, state(rollout, host, now, staleAfter)));
            }
        }
        List<Row> rows = new ArrayList<>();
        rollouts.entries().forEach(e -> rows.add(new Row(e.rollout(), List.copyOf(members.get(e.rollout().id())))));
        List<String> problems = new ArrayList<>(rollouts.problems());
        problems.addAll(hostProblems);
        return new StatusTable(location, now, staleAfter, rows, untargeted, problems);
    }

    static State state(Rollout rollout, HostStatus host, Instant now, Duration staleAfter) {
        PatchRef wanted = rollout.patch();
        if (Objects.equals(host.applied(), wanted) && !host.refused()) {
            return State.APPLIED;
        }
        if (host.refused() && Objects.equals(host.wanted(), wanted)) {
            return State.REFUSED;
        }
        if (rollout.updated() != null && rollout.updated().plus(staleAfter).isBefore(now)) {
            return State.STALE;
        }
        return State.PENDING;
    }

    /** Whether any rollout has a host that refused it: the status command then exits non-zero. */
    public boolean hasRefusals() {
        return rows.stream().anyMatch(r -> r.count(State.REFUSED) > 0);
    }

    /** Whether every targeted host runs what its rollout asks for. */
    public boolean converged() {
        return rows.stream().allMatch(r -> r.count(State.APPLIED) == r.members().size());
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        int reporting = untargeted.size() + rows.stream().mapToInt(r -> r.members().size()).sum();
        out.append("Fleet ").append(location).append(" at ").append(now).append(": ").append(reporting)
                .append(reporting == 1 ? " JVM" : " JVMs").append(" reporting, ").append(rows.size())
                .append(rows.size() == 1 ? " rollout" : " rollouts").append('\n');
        if (!rows.isEmpty()) {
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"ROLLOUT", "PATCH", "TARGET", "HOSTS", "APPLIED", "PENDING", "REFUSED", "STALE"});
            for (Row row : rows) {
                Rollout r = row.rollout();
                cells.add(new String[] {r.id(), r.patch() == null ? "(none: deployed build)" : r.patch().label(),
                    r.target().toString(), Integer.toString(row.members().size()), count(row, State.APPLIED),
                    count(row, State.PENDING), count(row, State.REFUSED), count(row, State.STALE)});
            }
            appendColumns(out, cells);
            for (State state : List.of(State.REFUSED, State.STALE, State.PENDING)) {
                for (Row row : rows) {
                    for (Member m : row.members()) {
                        if (m.state() == state) {
                            out.append("  ").append(state.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                                    .append(row.rollout().id()).append(": ").append(describe(m.host())).append('\n');
                        }
                    }
                }
            }
        }
        if (!untargeted.isEmpty()) {
            Map<String, Integer> running = new java.util.TreeMap<>();
            untargeted.forEach(h -> running.merge(h.applied() == null ? "no patch" : h.applied().label(), 1, Integer::sum));
            out.append("Not targeted by any rollout: ").append(untargeted.size()).append(" (");
            StringBuilder parts = new StringBuilder();
            running.forEach((what, n) -> parts.append(parts.length() == 0 ? "" : ", ").append(n).append(" running ")
                    .append(what));
            out.append(parts).append(")\n");
        }
        for (String problem : problems) {
            out.append("problem: ").append(problem).append('\n');
        }
        return out.toString();
    }

    private static String count(Row row, State state) {
        return Long.toString(row.count(state));
    }

    private static String describe(HostStatus h) {
        StringBuilder s = new StringBuilder(h.host()).append(" pid ").append(h.pid()).append(", ").append(h.phase());
        s.append(", runs ").append(h.applied() == null ? "no patch" : h.applied().label());
        if (h.reason() != null) {
            s.append(", ").append(h.reason());
        }
        if (!h.message().isEmpty()) {
            s.append(": ").append(h.message());
        }
        return s.append(" (since ").append(h.time()).append(')').toString();
    }

    private static void appendColumns(StringBuilder out, List<String[]> cells) {
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                // names left-aligned, counts right-aligned
                line.append(i < 3 ? cell + " ".repeat(width[i] - cell.length())
                        : " ".repeat(width[i] - cell.length()) + cell);
                line.append(i + 1 < row.length ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    public String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("location", location);
        json.put("time", now.toString());
        json.put("staleAfterSeconds", staleAfter.toSeconds());
        json.put("refused", hasRefusals());
        json.put("converged", converged());
        List<Object> rollouts = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.rollout().id());
            r.put("rollout", Json.parse(row.rollout().toJson()));
            for (State state : State.values()) {
                r.put(state.name().toLowerCase(java.util.Locale.ROOT), row.count(state));
            }
            List<Object> members = new ArrayList<>();
            for (Member m : row.members()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> host = (Map<String, Object>) Json.parse(m.host().toJson());
                host.remove("format");
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("state", m.state().name());
                member.putAll(host);
                members.add(member);
            }
            r.put("hosts", members);
            rollouts.add(r);
        }
        json.put("rollouts", rollouts);
        List<Object> others = new ArrayList<>();
        for (HostStatus h : untargeted) {
            @SuppressWarnings("unchecked")
            Map<String, Object> host = (Map<String, Object>) Json.parse(h.toJson());
            host.remove("format");
            others.add(host);
        }
        json.put("untargeted", others);
        json.put("problems", problems);
        return Json.write(json);
    }
}
