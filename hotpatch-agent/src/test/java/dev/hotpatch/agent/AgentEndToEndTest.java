package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.Hotpatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way, with real parts: a small HTTP service, packaged like a Spring Boot fat jar with
 * its classes in a nested jar and its own class loader, runs in its own JVM with the agent; the
 * engine makes a patch of a one-line fix; a real nginx serves it as a Maven repository; the
 * configuration file names it. The service must answer with the fix without a restart (same
 * process), refuse a tampered archive, a wrong hash and a patch for another build, and go back
 * to the deployed code when the configuration names no patch.
 */
class AgentEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String GROUP = "dev.example";
    private static final String ARTIFACT = "shop-hotpatch";
    private static final String NESTED_JAR = "BOOT-INF/lib/shop-app-1.0.jar";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path agentLog;
    private int appPort;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aRunningServiceTakesThePatchAndRefusesBadOnes() throws Exception {
        Path deployed = appJar(dir.resolve("deployed.jar"), "Hello", "");
        Path branch = appJar(dir.resolve("branch.jar"), "Hello, patched", "");
        Path patch = patch(deployed, branch, "patch");
        String hash = PatchContent.sha256(Files.readAllBytes(patch));
        String version = "1.0-" + hash.substring(0, 12);
        assertThat(PatchContent.read(Files.readAllBytes(patch)).classes().get("shop/app/Greeter").path())
                .isEqualTo(NESTED_JAR + "!/shop/app/Greeter.class");
        Path repository = Files.createDirectories(dir.resolve("repo"));
        String repositoryUrl = startNginx(repository);
        Path config = dir.resolve("hotpatch.properties");
        Files.writeString(config, "");

        Process app = startApp(deployed, repositoryUrl, config);
        String first = awaitBody(b -> b.startsWith("Hello pid="));
        assertThat(first).contains("pid=" + app.pid()).contains("patch=none").contains("loader=shop-libs");

        // a tampered archive at the right coordinates
        byte[] tampered = Files.readAllBytes(patch);
        tampered[tampered.length / 2] ^= 1;
        publish(repository, version, tampered);
        Files.writeString(config, "version=" + version + "\nhash=" + hash + "\n");
        awaitLog("refused " + version + " (" + hash.substring(0, 12) + "): the downloaded archive's SHA-256 is");
        assertThat(body()).startsWith("Hello pid=");

        // the genuine archive, but the configuration names another hash
        publish(repository, version, Files.readAllBytes(patch));
        String wrong = "0".repeat(64);
        Files.writeString(config, "version=" + version + "\nhash=" + wrong + "\n");
        awaitLog("refused " + version + " (000000000000): the downloaded archive's SHA-256 is " + hash + ", not " + wrong);
        assertThat(body()).startsWith("Hello pid=");

        // a patch made against another build of the service
        Path otherDeployed = appJar(dir.resolve("other.jar"), "Hello", "other build");
        Path otherPatch = patch(otherDeployed, branch, "other-patch");
        String otherHash = PatchContent.sha256(Files.readAllBytes(otherPatch));
        String otherVersion = "1.0-" + otherHash.substring(0, 12);
        publish(repository, otherVersion, Files.readAllBytes(otherPatch));
        Files.writeString(config, "version=" + otherVersion + "\nhash=" + otherHash + "\n");
        awaitLog("refused " + otherVersion + " (" + otherHash.substring(0, 12) + "): it is for the build with SHA-256");
        assertThat(body()).startsWith("Hello pid=");

        // the genuine patch: the same process answers with the fix
        Files.writeString(config, "version=" + version + "\nhash=" + hash + "\n");
        String patched = awaitBody(b -> b.startsWith("Hello, patched pid="));
        assertThat(patched).contains("pid=" + app.pid()).contains("patch=" + version + "+" + hash.substring(0, 12))
                .contains("loader=shop-libs");
        assertThat(app.isAlive()).isTrue();
        // Greeter was loaded before the patch came, so it was redefined in place
        assertThat(Files.readString(agentLog)).contains("applied " + version + "+" + hash.substring(0, 12)
                + ": 1 patched classes, 1 redefined in their class loaders");

        // no patch wanted any more: back to the deployed code, still the same process
        Files.writeString(config, "");
        assertThat(awaitBody(b -> b.startsWith("Hello pid="))).contains("pid=" + app.pid()).contains("patch=none");
        assertThat(Files.readString(agentLog)).contains("no patch wanted: 1 classes back to the deployed build's bytes");
    }

    private Path patch(Path deployed, Path branch, String out) {
        new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, dir.resolve(out)).build());
        return dir.resolve(out).resolve(DiffRequest.ARCHIVE_NAME);
    }

    private static void publish(Path repository, String version, byte[] archive) throws IOException {
        Path file = repository.resolve(GROUP.replace('.', '/')).resolve(ARTIFACT).resolve(version)
                .resolve(ARTIFACT + "-" + version + ".jar");
        Files.createDirectories(file.getParent());
        Files.write(file, archive);
    }

    private Process startApp(Path jar, String repositoryUrl, Path config) throws IOException {
        appPort = freePort();
        agentLog = dir.resolve("app.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String agentArgs = "repo=" + repositoryUrl + ",groupId=" + GROUP + ",artifactId=" + ARTIFACT + ",config="
                + config.toUri() + ",interval=200ms";
        Process p = new ProcessBuilder(java.toString(), "-javaagent:" + agentJar() + "=" + agentArgs, "-jar",
                jar.toString(), String.valueOf(appPort)).redirectErrorStream(true)
                .redirectOutput(agentLog.toFile()).start();
        processes.add(p);
        return p;
    }

    private String startNginx(Path root) throws IOException {
        Path home = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(home.resolve("logs"));
        int port = freePort();
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
                """.formatted(home, port, root));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process p = new ProcessBuilder(nginx, "-p", home.toString(), "-c", home.resolve("nginx.conf").toString(),
                "-e", home.resolve("logs/error.log").toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs/stdout.log").toFile()).start();
        processes.add(p);
        String url = "http://127.0.0.1:" + port + "/";
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return url;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new AssertionError("nginx did not listen on " + port + ": " + Files.readString(home.resolve("logs/error.log")));
    }

    private String awaitBody(Predicate<String> wanted) throws IOException {
        Instant end = Instant.now().plus(DEADLINE);
        String last = null;
        while (Instant.now().isBefore(end)) {
            last = bodyOrNull();
            if (last != null && wanted.test(last)) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("the service never answered as expected; last answer: " + last + "\nits log:\n"
                + Files.readString(agentLog));
    }

    private void awaitLog(String line) throws IOException {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            if (Files.readString(agentLog).contains(line)) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the agent never logged '" + line + "'; its log:\n" + Files.readString(agentLog));
    }

    private String body() {
        String b = bodyOrNull();
        assertThat(b).as("the service answers").isNotNull();
        return b;
    }

    private String bodyOrNull() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service, laid out like a Spring Boot fat jar: a launcher at the top that loads the
     * application from the stored nested jar {@code BOOT-INF/lib/shop-app-1.0.jar} in a class
     * loader of its own, and an HTTP endpoint answering with its greeting, its process id and the
     * applied patch.
     */
    private Path appJar(Path file, String greeting, String resource) throws IOException {
        Map<String, byte[]> classes = compile(Map.of(
                "shop.Launcher", """
                        package shop;
                        import java.nio.file.*;
                        public class Launcher {
                            public static void main(String[] args) throws Exception {
                                Path self = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                                Path libs = Files.createTempDirectory("shop-lib");
                                var urls = new java.util.ArrayList<java.net.URL>();
                                try (var zip = new java.util.zip.ZipFile(self.toFile())) {
                                    for (var e : java.util.Collections.list(zip.entries())) {
                                        if (e.getName().startsWith("BOOT-INF/lib/")) {
                                            Path jar = libs.resolve(e.getName().substring("BOOT-INF/lib/".length()));
                                            try (var in = zip.getInputStream(e)) {
                                                Files.copy(in, jar);
                                            }
                                            urls.add(jar.toUri().toURL());
                                        }
                                    }
                                }
                                ClassLoader app = new java.net.URLClassLoader("shop-libs", urls.toArray(new java.net.URL[0]),
                                        ClassLoader.getPlatformClassLoader());
                                app.loadClass("shop.app.Main").getMethod("main", String[].class).invoke(null, (Object) args);
                            }
                        }
                        """,
                "shop.app.Main", """
                        package shop.app;
                        public class Main {
                            public static void main(String[] args) throws Exception {
                                var server = com.sun.net.httpserver.HttpServer.create(
                                        new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                                server.createContext("/", exchange -> {
                                    byte[] body = (new Greeter().greet() + " pid=" + ProcessHandle.current().pid()
                                            + " patch=" + System.getProperty("hotpatch.applied.version", "none")
                                            + " loader=" + Greeter.class.getClassLoader().getName()).getBytes();
                                    exchange.sendResponseHeaders(200, body.length);
                                    exchange.getResponseBody().write(body);
                                    exchange.close();
                                });
                                server.start();
                            }
                        }
                        """,
                "shop.app.Greeter", """
                        package shop.app;
                        public class Greeter {
                            public String greet() {
                                return "%s";
                            }
                        }
                        """.formatted(greeting)));
        Map<String, byte[]> library = new java.util.TreeMap<>();
        classes.forEach((name, bytes) -> {
            if (name.startsWith("shop/app/")) {
                library.put(name, bytes);
            }
        });
        Manifest plain = new Manifest();
        plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path nested = dir.resolve("nested-" + file.getFileName());
        writeJar(nested, plain, library);

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "shop.Launcher");
        Map<String, byte[]> top = new java.util.TreeMap<>();
        top.put("shop/Launcher.class", classes.get("shop/Launcher.class"));
        top.put(NESTED_JAR, Files.readAllBytes(nested));
        if (!resource.isEmpty()) {
            top.put("BOOT-INF/classes/build.txt", resource.getBytes(StandardCharsets.UTF_8));
        }
        writeJar(file, manifest, top);
        return file;
    }

    /** The agent jar, made from the compiled agent classes with the manifest the module's pom gives it. */
    private Path agentJar() throws IOException {
        Path classes = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", AgentMain.class.getName());
        main.putValue("Agent-Class", AgentMain.class.getName());
        main.putValue("Can-Redefine-Classes", "true");
        main.putValue("Can-Retransform-Classes", "true");
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        Path jar = dir.resolve("hotpatch-agent.jar");
        writeJar(jar, manifest, entries);
        return jar;
    }

    private static void writeJar(Path file, Manifest manifest, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(315619200000L);
                if (e.getKey().endsWith(".jar")) {
                    // nested jars are stored, as Spring Boot stores them
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(JarEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
    }

    private Map<String, byte[]> compile(Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path out = Files.createTempDirectory(dir, "classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int result = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(result).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, byte[]> classes = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    classes.put(out.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return classes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
