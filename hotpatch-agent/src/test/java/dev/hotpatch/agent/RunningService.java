package dev.hotpatch.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A service JVM started with the real agent jar, and the processes a test starts beside it (nginx).
 * {@link #close()} ends every process with all its descendants, so nothing outlives the test.
 */
final class RunningService implements AutoCloseable {
    /** How long the tests wait for something that normally takes well under a second; not a timing assertion. */
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path log;
    private int port;
    private Process app;
    /** Every answer the service gave, to prove that none was an error. */
    private final List<String> answers = new ArrayList<>();

    RunningService(Path dir) {
        this.dir = dir;
    }

    static Path agentJar() {
        String jar = System.getProperty("hotpatch.agent.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("run by failsafe after package: hotpatch.agent.jar=" + jar);
        }
        return Path.of(jar);
    }

    /** Starts {@code java -javaagent:<agent>=<args> -jar <jar> <port>}. */
    Process start(Path jar, String agentArgs) throws IOException {
        port = Fixtures.freePort();
        log = dir.resolve("service-" + processes.size() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        app = new ProcessBuilder(java.toString(), "-Xmx128m", "-javaagent:" + agentJar() + "=" + agentArgs, "-jar",
                jar.toString(), String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(app);
        return app;
    }

    /** Starts {@code java -jar <jar> <port>} without the agent: the build as a restart would run it. */
    Process startWithoutAgent(Path jar) throws IOException {
        port = Fixtures.freePort();
        log = dir.resolve("service-" + processes.size() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        app = new ProcessBuilder(java.toString(), "-Xmx128m", "-jar", jar.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(app);
        return app;
    }

    /** Starts nginx serving {@code root} on a loopback port; returns its base URL. */
    String nginx(Path root) throws IOException {
        Path home = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(home.resolve("logs"));
        int nginxPort = Fixtures.freePort();
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;" : "";
        Files.writeString(home.resolve("nginx.conf"), user + """

                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 64; }
                http {
                  access_log %1$s/logs/access.log;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                  }
                }
                """.formatted(home, nginxPort, root));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process p = new ProcessBuilder(nginx, "-p", home.toString(), "-c", home.resolve("nginx.conf").toString(),
                "-e", home.resolve("logs/error.log").toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs/stdout.log").toFile()).start();
        processes.add(p);
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", nginxPort)) {
                return "http://127.0.0.1:" + nginxPort + "/";
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new AssertionError("nginx did not listen on " + nginxPort + ": "
                + Files.readString(home.resolve("logs/error.log")));
    }

    /** Waits for an answer the predicate accepts; fails on any answer that is not HTTP 200. */
    String await(Predicate<String> wanted) throws IOException {
        Instant end = Instant.now().plus(DEADLINE);
        String last = null;
        while (Instant.now().isBefore(end)) {
            last = answer();
            if (last != null && wanted.test(last)) {
                return last;
            }
            if (!app.isAlive()) {
                throw new AssertionError("the service died; its log:\n" + log());
            }
            pause();
        }
        throw new AssertionError("the service never answered as expected; last answer: " + last + "\nits log:\n" + log());
    }

    /** The current answer (HTTP 200 required once the service listens), or null while it does not listen yet. */
    String answer() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            answers.add(r.statusCode() + " " + r.body());
            if (r.statusCode() != 200) {
                throw new AssertionError("the service answered HTTP " + r.statusCode() + ": " + r.body() + "\nits log:\n"
                        + log());
            }
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<String> answers() {
        return List.copyOf(answers);
    }

    void awaitLog(String line) throws IOException {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            if (log().contains(line)) {
                return;
            }
            pause();
        }
        throw new AssertionError("the agent never logged '" + line + "'; the log:\n" + log());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Process app() {
        return app;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                p.waitFor();
                for (ProcessHandle h : tree) {
                    h.onExit().get();
                }
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
