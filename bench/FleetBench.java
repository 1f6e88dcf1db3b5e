import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.KeyValue;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.fleet.StatusTable;
import dev.hotpatch.format.PatchCoordinates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The fleet benchmark behind {@code bench/fleet}: see that script for what it measures. Everything
 * it starts (etcd, nginx, the service JVMs) is killed at the end, also when a check fails.
 */
public class FleetBench {
    static final String GROUP = "bench.shop";
    static final String NONE = "none";
    static final Duration CONVERGE = Duration.ofSeconds(180);

    final Path dir;
    final Path agentJar;
    final Path cli;
    final List<Process> infra = new ArrayList<>();
    final Map<String, Jvm> jvms = new TreeMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> failures = new ArrayList<>();
    /** host → the hashes it may show now (what it ran before and what it was asked for). */
    final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();
    final List<String> violations = new ArrayList<>();
    final StringBuilder report = new StringBuilder();
    int etcdPort;
    int etcdPeerPort;
    int nginxPort;
    Process etcd;
    Path access;
    long accessOffset;
    FleetLocation location;
    FleetStore store;
    EtcdClient client;
    volatile boolean sampling = true;

    record Jvm(String host, String service, Path jar, int port, Process process) {
    }

    record Patch(PatchCoordinates coordinates, String hash) {
    }

    FleetBench(Path agentJar, Path cli) throws IOException {
        this.dir = Files.createTempDirectory("hotpatch-fleet-bench");
        this.agentJar = agentJar.toAbsolutePath();
        this.cli = cli.toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        FleetBench bench = new FleetBench(Path.of(args[1]), Path.of(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try {
            bench.run(Integer.parseInt(args[0]));
        } finally {
            bench.stopAll();
            if (System.getenv("KEEP") == null) {
                bench.deleteDir();
            } else {
                System.out.println("kept " + bench.dir);
            }
        }
        System.out.println(bench.report);
        if (!bench.failures.isEmpty() || !bench.violations.isEmpty()) {
            System.out.println("FAILED: " + bench.failures + " " + bench.violations);
            System.exit(1);
        }
        System.out.println("All checks passed.");
    }

    void run(int n) throws Exception {
        line("hotpatch fleet benchmark: " + n + " JVMs of the service + 2 of another service, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, java " + System.getProperty("java.version"));
        // the builds: the deployed service, two fixes, and another service with its own fix
        Path deployed = service("shop", "v0", "");
        Path fix1 = service("shop-fix1", "v1", "");
        Path fix2 = service("shop-fix2", "v2", "");
        Path other = service("other", "v0", "another service");
        Path otherFix = service("other-fix", "o1", "another service");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Patch p1 = publish(repo, "shop", deployed, fix1);
        Patch p2 = publish(repo, "shop", deployed, fix2);
        Patch po = publish(repo, "other", other, otherFix);
        startEtcd();
        startNginx(repo);
        location = FleetLocation.parse("etcd://127.0.0.1:" + etcdPort + "/bench/shop");
        client = new EtcdClient(location.endpoints());
        store = new FleetStore(location, client);
        URI repository = URI.create("http://127.0.0.1:" + nginxPort + "/");

        Instant started = Instant.now();
        for (int i = 1; i <= n; i++) {
            startJvm(String.format("shop-%03d", i), "shop", deployed);
            if (i % 10 == 0) {
                ensureStarted(); // in batches, so that 50 JVMs starting at once do not starve each other
            }
        }
        startJvm("other-001", "other", other);
        startJvm("other-002", "other", other);
        ensureStarted();
        jvms.keySet().forEach(h -> allowed.put(h, Set.of(NONE)));
        awaitAll("start", h -> NONE, Set.of());
        line(String.format("started %d JVMs in %.1f s (all answering, all status keys written)", jvms.size(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        Thread sampler = new Thread(this::sample, "sampler");
        sampler.setDaemon(true);
        sampler.start();
        line("");
        line("| phase | targeted live JVMs | p50 ms | p99 ms | max ms | nginx requests (200/503) | nginx bytes | per new host | etcd puts | etcd CPU s |");
        line("|---|---|---|---|---|---|---|---|---|---|");

        // the other service's rollout: shares the prefix, must never touch the shop's JVMs
        phase("other service, all", rollOut(repository, po, "other", Rollout.Target.all(), "other-o1"));
        phase("shop fix1, 10%", rollOut(repository, p1, "shop", Rollout.Target.percent(10), "shop-fix1"));
        phase("shop fix1, 10% -> 100%", rollOut(repository, p1, "shop", Rollout.Target.percent(100), "shop-fix1"));

        // etcd killed right after a rollout's write, down 30 s, restarted
        Rollout r2 = rollOut(repository, p2, "shop", Rollout.Target.all(), "shop-fix2");
        Thread.sleep(300);
        stopEtcd();
        Thread.sleep(30_000);
        checkNoneLost("etcd down 30 s", Set.of(p1.hash(), p2.hash()));
        startEtcd();
        phase("shop fix2, etcd down 30 s", r2);

        // the repository answers 503 for 20 s while hosts are sent back to fix1
        Files.writeString(repo.resolve("maintenance"), "");
        Rollout back = store.rollouts().byId("shop-fix1").orElseThrow();
        permit(back);
        mark();
        Instant deleted = Instant.now();
        store.delete("shop-fix2");
        Thread.sleep(20_000);
        checkNoneLost("repository 503", Set.of(p1.hash(), p2.hash()));
        Files.delete(repo.resolve("maintenance"));
        phase("delete fix2 (back to fix1), repository 503 20 s", new Rollout(back.id(), back.coordinates(),
                back.hash(), back.baselineSha256(), back.target(), deleted, null));

        // slow downloads; three JVMs killed while they download
        Files.writeString(repo.resolve("slow"), "");
        Rollout r3 = rollOut(repository, p2, "shop", Rollout.Target.all(), "shop-fix2-again");
        Thread.sleep(800);
        List<String> killed = new ArrayList<>();
        for (String host : List.of("shop-002", "shop-003", "shop-004")) {
            Jvm jvm = jvms.get(host);
            jvm.process().destroyForcibly().waitFor();
            killed.add(host);
        }
        Instant killedAt = Instant.now();
        phase("shop fix2 again, 3 JVMs killed mid-download", r3);
        Files.delete(repo.resolve("slow"));
        awaitGone(killed);
        line("");
        line(String.format("killed JVMs' status keys gone %.1f s after the kill (lease TTL 15 s)",
                Duration.between(killedAt, Instant.now()).toMillis() / 1000.0));
        sampling = false;
        line(String.format("samples of every JVM's JMX hash during the run: %d, wrong patches seen: %d", samples,
                violations.size()));
    }

    // ---------------------------------------------------------------- phases

    /** Lets the JVMs a rollout will target show its patch (before it is written: agents are fast). */
    void permit(Rollout rollout) {
        for (Jvm jvm : live()) {
            if (rollout.targets(jvm.host(), sha(jvm))) {
                Set<String> ok = new java.util.HashSet<>(allowed.get(jvm.host()));
                ok.add(rollout.hash() == null ? NONE : rollout.hash());
                allowed.put(jvm.host(), ok);
            }
        }
    }

    Map<String, String> etcdMark = Map.of();
    long[] nginxMark = {0, 0, 0};

    /** Where a phase's figures start: just before its write. */
    void mark() throws IOException {
        etcdMark = etcdMetrics();
        nginxMark = nginxCounts();
    }

    /** Writes a rollout the way hotpatch:rollout does (repository check included), permitting its patch first. */
    Rollout rollOut(URI repository, Patch patch, String service, Rollout.Target target, String id) throws Exception {
        mark();
        permit(new Rollout(id, patch.coordinates(), patch.hash(), shaByService.get(service), target, null, null));
        return store.rollOut(repository, null, patch.coordinates(), patch.hash(), target, id, null, Instant.now());
    }

    /** Waits until every live JVM the rollouts target runs its patch, then records the figures. */
    void phase(String name, Rollout rollout) throws Exception {
        Map<String, String> before = etcdMark;
        long[] nginxBefore = nginxMark;
        Instant t0 = rollout.updated();
        Set<String> targeted = new java.util.TreeSet<>();
        Set<String> changed = new java.util.TreeSet<>();
        for (Jvm jvm : live()) {
            if (rollout.targets(jvm.host(), sha(jvm))) {
                targeted.add(jvm.host());
                if (!allowed.get(jvm.host()).equals(Set.of(rollout.hash() == null ? NONE : rollout.hash()))) {
                    changed.add(jvm.host());
                }
            }
        }
        Map<String, Long> latency = awaitAll(name, this::wantedOrFail, targeted);
        for (Jvm jvm : live()) {
            allowed.put(jvm.host(), Set.of(wanted(jvm)));
        }
        List<Long> times = new ArrayList<>();
        int changing = changed.size();
        for (String host : changed) {
            times.add(Duration.between(t0, Instant.ofEpochMilli(latency.get(host))).toMillis());
        }
        times.sort(Comparator.naturalOrder());
        long[] nginx = nginxCounts();
        Map<String, String> after = etcdMetrics();
        long requests = nginx[0] - nginxBefore[0] + nginx[1] - nginxBefore[1];
        line(String.format("| %s | %d (%d new) | %s | %s | %s | %d (%d/%d) | %d | %.1f req, %d B | %s | %s |", name,
                targeted.size(), changing,
                pct(times, 50), pct(times, 99), times.isEmpty() ? "-" : times.get(times.size() - 1), requests,
                nginx[0] - nginxBefore[0], nginx[1] - nginxBefore[1], nginx[2] - nginxBefore[2],
                changing == 0 ? 0.0 : (double) requests / changing,
                changing == 0 ? 0 : (nginx[2] - nginxBefore[2]) / changing,
                delta(before, after, "etcd_mvcc_put_total"), delta(before, after, "process_cpu_seconds_total")));
        compareTable(name);
    }

    String wantedOrFail(String host) {
        return wanted(jvms.get(host));
    }

    /** What the rollouts in the store now want this JVM to run: the same precedence as the agents. */
    String wanted(Jvm jvm) {
        try {
            return retried(store::rollouts).forHost(jvm.host(), sha(jvm)).map(r -> r.hash() == null ? NONE : r.hash())
                    .orElse(NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every live JVM shows, over JMX, the hash it should run and its status key says
     * APPLIED (or IDLE for none) with it; returns, per targeted host, when its status says it got there.
     */
    Map<String, Long> awaitAll(String phase, java.util.function.Function<String, String> want, Set<String> targeted)
            throws Exception {
        Instant end = Instant.now().plus(CONVERGE);
        Map<String, Long> at = new HashMap<>();
        Map<String, String> wants = new HashMap<>();
        for (Jvm jvm : live()) {
            wants.put(jvm.host(), want.apply(jvm.host()));
        }
        while (true) {
            Map<String, HostStatus> statuses = statuses();
            List<String> waiting = new ArrayList<>();
            for (Jvm jvm : live()) {
                String w = wants.get(jvm.host());
                String jmx = jmxHash(jvm);
                HostStatus s = statuses.get(jvm.host());
                String applied = s == null || s.applied() == null ? NONE : s.applied().hash();
                boolean settled = s != null && (w.equals(NONE) ? !"WANTED".equals(s.phase()) : "APPLIED".equals(s.phase()));
                if (w.equals(jmx) && w.equals(applied) && settled) {
                    at.putIfAbsent(jvm.host(), s.time().toEpochMilli());
                } else {
                    waiting.add(jvm.host() + "(jmx " + shortHash(jmx) + ", status " + (s == null ? "none"
                            : s.phase() + " " + shortHash(applied)) + ", wants " + shortHash(w) + ")");
                }
            }
            if (waiting.isEmpty()) {
                return at;
            }
            if (Instant.now().isAfter(end)) {
                failures.add(phase + ": not converged after " + CONVERGE.toSeconds() + " s: " + waiting);
                return at;
            }
            Thread.sleep(200);
        }
    }

    void checkNoneLost(String phase, Set<String> acceptable) {
        for (Jvm jvm : live()) {
            String jmx = jmxHash(jvm);
            if (jvm.service().equals("shop") && !acceptable.contains(jmx)) {
                failures.add(phase + ": " + jvm.host() + " runs " + shortHash(jmx) + " during the fault");
            }
        }
        line("");
        line(phase + ": every live shop JVM kept a patch during the fault (checked over JMX)");
    }

    void compareTable(String phase) throws Exception {
        StatusTable table = retried(() -> store.status(Instant.now(), Duration.ofMinutes(5)));
        int compared = 0;
        List<HostStatus> all = new ArrayList<>(table.untargeted());
        table.rows().forEach(r -> r.members().forEach(m -> all.add(m.host())));
        for (HostStatus h : all) {
            Jvm jvm = jvms.get(h.host());
            String applied = h.applied() == null ? NONE : h.applied().hash();
            if (jvm == null || !jvm.process().isAlive()) {
                continue; // a killed JVM's key until its lease runs out
            }
            compared++;
            if (!applied.equals(jmxHash(jvm))) {
                failures.add(phase + ": the table says " + h.host() + " runs " + shortHash(applied) + ", its JMX says "
                        + shortHash(jmxHash(jvm)));
            }
        }
        boolean liveConverged = table.rows().stream().allMatch(r -> r.members().stream().allMatch(m ->
                m.state() == StatusTable.State.APPLIED || jvms.get(m.host().host()) == null
                        || !jvms.get(m.host().host()).process().isAlive()));
        if (compared != live().size() || !liveConverged || table.hasRefusals()) {
            failures.add(phase + ": table compared " + compared + " of " + live().size() + " live JVMs, converged "
                    + table.converged() + ", refusals " + table.hasRefusals() + "\n" + table.text());
        }
        lastTable = table.text();
    }

    String lastTable = "";

    void awaitGone(List<String> hosts) throws Exception {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            Map<String, HostStatus> s = statuses();
            if (hosts.stream().noneMatch(s::containsKey)) {
                return;
            }
            Thread.sleep(200);
        }
        failures.add("the killed JVMs' status keys are still there after 60 s");
    }

    int samples;

    /** Every second, every live JVM's JMX hash must be one it is allowed to show. */
    void sample() {
        while (sampling) {
            for (Jvm jvm : live()) {
                String jmx = jmxHash(jvm);
                Set<String> ok = allowed.get(jvm.host());
                if (jmx != null && !jmx.equals("?") && ok != null && !ok.contains(jmx)) {
                    synchronized (violations) {
                        violations.add(jvm.host() + " showed " + shortHash(jmx) + " (allowed " + ok + ")");
                    }
                }
                samples++;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- the JVMs and their state

    List<Jvm> live() {
        return jvms.values().stream().filter(j -> j.process().isAlive()).toList();
    }

    final Map<String, String> shaByService = new HashMap<>();

    String sha(Jvm jvm) {
        return shaByService.get(jvm.service());
    }

    /** The hash the JVM's agent reports over JMX (its AppliedHash attribute), via the service's HTTP endpoint. */
    String jmxHash(Jvm jvm) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvm.port() + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String hash = body.substring(body.indexOf("jmx=") + 4).trim();
            return hash.isEmpty() ? NONE : hash;
        } catch (Exception e) {
            return "?";
        }
    }

    /** The bench's own reads of etcd are retried: a loaded machine makes single calls time out. */
    static <T> T retried(java.util.concurrent.Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    Map<String, HostStatus> statuses() throws Exception {
        Map<String, HostStatus> byHost = new HashMap<>();
        for (KeyValue kv : retried(() -> client.rangePrefix(location.statusPrefix())).kvs()) {
            HostStatus s = HostStatus.parse(kv.key(), kv.value());
            byHost.put(s.host(), s);
        }
        return byHost;
    }

    void startJvm(String host, String service, Path jar) throws IOException {
        int port = freePort();
        String artifact = service + "-hotpatch";
        String args = "repo=http://127.0.0.1:" + nginxPort + "/,groupId=" + GROUP + ",artifactId=" + artifact
                + ",config=etcd://127.0.0.1:" + etcdPort + "/bench/shop,interval=2s";
        Path log = dir.resolve("jvm-" + host + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:CICompilerCount=1", "-Dhotpatch.agent.host=" + host, "-javaagent:" + agentJar + "=" + args,
                "-jar", jar.toString(), String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        jvms.put(host, new Jvm(host, service, jar, port, p));
    }

    /** A service JVM can lose its port to another process's ephemeral port between the probe and the bind: start it again. */
    void ensureStarted() throws Exception {
        Instant end = Instant.now().plus(CONVERGE);
        while (Instant.now().isBefore(end)) {
            boolean all = true;
            for (Jvm jvm : List.copyOf(jvms.values())) {
                if (!jvm.process().isAlive()) {
                    line("restarting " + jvm.host() + " (exit " + jvm.process().exitValue() + ", see its log)");
                    startJvm(jvm.host(), jvm.service(), jvm.jar());
                    all = false;
                } else if (jmxHash(jvm).equals("?")) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        failures.add("not every service JVM started");
    }

    // ---------------------------------------------------------------- builds and patches

    /** A tiny HTTP service; its answer carries the greeting and the agent's AppliedHash read over JMX. */
    Path service(String name, String greeting, String extra) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + name + "/bench"));
        Files.writeString(src.resolve("Main.java"), """
                package bench;
                public class Main {
                    static final String EXTRA = "%s";
                    public static void main(String[] args) throws Exception {
                        var beans = java.lang.management.ManagementFactory.getPlatformMBeanServer();
                        var agent = new javax.management.ObjectName("dev.hotpatch:type=Agent");
                        var server = com.sun.net.httpserver.HttpServer.create(
                                new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                        server.createContext("/", exchange -> {
                            String jmx;
                            try {
                                jmx = String.valueOf(beans.getAttribute(agent, "AppliedHash"));
                            } catch (Exception e) {
                                jmx = "?";
                            }
                            byte[] body = (new Greeter().greet() + " jmx=" + jmx).getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """.formatted(extra));
        Files.writeString(src.resolve("Greeter.java"), """
                package bench;
                public class Greeter {
                    public String greet() {
                        return "%s";
                    }
                }
                """.formatted(greeting));
        Path classes = Files.createDirectories(dir.resolve("classes-" + name));
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Main.java").toString(), src.resolve("Greeter.java").toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed for " + name);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "bench.Main");
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry e = new JarEntry(classes.relativize(f).toString().replace('\\', '/'));
                e.setTime(315619200000L);
                out.putNextEntry(e);
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Makes the patch with the CLI and puts it where the agents look for it. */
    Patch publish(Path repo, String service, Path deployed, Path branch) throws Exception {
        Path out = dir.resolve("patch-" + branch.getFileName());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                cli.toString(), "diff", deployed.toString(), branch.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("diff-" + branch.getFileName() + ".log").toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("diff failed: " + Files.readString(dir.resolve("diff-" + branch.getFileName()
                    + ".log")));
        }
        Path archive = out.resolve("hotpatch.jar");
        String hash = Files.readString(out.resolve("hotpatch.jar.sha256")).trim().split("\\s+")[0];
        PatchCoordinates c = PatchCoordinates.of(GROUP, service, "1.0", hash);
        Path target = repo.resolve(c.repositoryPath());
        Files.createDirectories(target.getParent());
        Files.copy(archive, target);
        shaByService.put(service, dev.hotpatch.format.Sha256.of(deployed).hex());
        line("patch " + c + " (" + Files.size(archive) + " bytes) for " + deployed.getFileName() + " -> "
                + branch.getFileName());
        return new Patch(c, hash);
    }

    // ---------------------------------------------------------------- etcd and nginx

    void startEtcd() throws Exception {
        if (etcdPort == 0) {
            etcdPort = freePort();
            etcdPeerPort = freePort();
        }
        String c = "http://127.0.0.1:" + etcdPort;
        String peer = "http://127.0.0.1:" + etcdPeerPort;
        etcd = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", c, "--advertise-client-urls", c, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "bench=" + peer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
        infra.add(etcd);
        EtcdClient probe = new EtcdClient(List.of(URI.create(c)));
        for (int i = 0; i < 300; i++) {
            try {
                probe.get("/probe");
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("etcd did not start: " + Files.readString(dir.resolve("etcd.log")));
    }

    void stopEtcd() throws InterruptedException {
        etcd.destroyForcibly().waitFor();
    }

    void startNginx(Path root) throws Exception {
        Path home = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(home.resolve("logs"));
        nginxPort = freePort();
        access = home.resolve("logs/access.log");
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;" : "";
        Files.writeString(home.resolve("nginx.conf"), user + """

                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 1024; }
                http {
                  log_format bench '$status $body_bytes_sent $request_uri';
                  access_log %1$s/logs/access.log bench;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                    location / {
                      if (-f %3$s/maintenance) { return 503; }
                      if (-f %3$s/slow) { set $limit_rate 400; }
                    }
                  }
                }
                """.formatted(home, nginxPort, root));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        infra.add(new ProcessBuilder(nginx, "-p", home.toString(), "-c", home.resolve("nginx.conf").toString(), "-e",
                home.resolve("logs/error.log").toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs/stdout.log").toFile()).start());
        for (int i = 0; i < 300; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", nginxPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not start");
    }

    /** Requests answered 200, answered 503, and body bytes sent, from the access log so far. */
    long[] nginxCounts() throws IOException {
        long ok = 0;
        long unavailable = 0;
        long bytes = 0;
        if (Files.exists(access)) {
            for (String l : Files.readAllLines(access)) {
                String[] f = l.split(" ");
                if (f[0].equals("200")) {
                    ok++;
                } else if (f[0].equals("503")) {
                    unavailable++;
                }
                bytes += Long.parseLong(f[1]);
            }
        }
        return new long[] {ok, unavailable, bytes};
    }

    Map<String, String> etcdMetrics() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + etcdPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String l : text.split("\n")) {
                if (!l.startsWith("#") && l.contains(" ")) {
                    m.put(l.substring(0, l.lastIndexOf(' ')), l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            // etcd down: no figures
        }
        return m;
    }

    static String delta(Map<String, String> before, Map<String, String> after, String name) {
        if (!after.containsKey(name)) {
            return "-";
        }
        double b = Double.parseDouble(before.getOrDefault(name, "0"));
        double a = Double.parseDouble(after.get(name));
        // etcd restarted in between: its counters started again from zero
        String mark = a < b ? "*" : "";
        double d = a < b ? a : a - b;
        return (d == Math.rint(d) ? Long.toString((long) d) : String.format("%.2f", d)) + mark;
    }

    void stopAll() {
        sampling = false;
        for (Jvm jvm : jvms.values()) {
            jvm.process().descendants().forEach(ProcessHandle::destroyForcibly);
            jvm.process().destroyForcibly();
        }
        for (Process p : infra) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Jvm jvm : jvms.values()) {
            try {
                jvm.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- small things

    void deleteDir() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    static String pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    static String shortHash(String hash) {
        return hash == null ? "null" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    void line(String text) {
        report.append(text).append('\n');
        System.err.println(text);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
