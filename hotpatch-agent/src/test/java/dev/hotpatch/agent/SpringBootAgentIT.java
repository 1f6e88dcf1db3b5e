package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.format.Action;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a Spring Boot fat jar started by Spring Boot's own launcher, with patches made by the
 * engine and served by a real nginx: a body fix, a fix that adds a class (live and named before the
 * JVM starts), patches stacked on each other, rollbacks, a redefinition the JVM refuses with an
 * {@code Error}, a stacked patch that changes a class an earlier one added, and one class name in two
 * library jars. Every answer of the service must be HTTP 200.
 */
class SpringBootAgentIT {
    @TempDir
    Path dir;

    private Fixtures fixtures;
    private RunningService service;
    private Path repository;
    private String repositoryUrl;
    private Path config;

    private Path deployed;
    private Fixtures.Published bodyFix;
    private Fixtures.Published newClassFix;
    private Fixtures.Published shapeChange;

    @BeforeEach
    void build() throws IOException {
        fixtures = new Fixtures(dir);
        service = new RunningService(dir);
        repository = Files.createDirectories(dir.resolve("repo"));
        repositoryUrl = service.nginx(repository);
        config = dir.resolve("hotpatch.properties");
        deployed = app("deployed.jar", "return \"Hello\";", null, "b");
        Path branch1 = app("branch1.jar", "return \"Hello, fixed\";", null, "b-fixed");
        Path branch2 = app("branch2.jar", "return new Polite().wrap(\"Hello\");", """
                package app;
                public class Polite {
                    public String wrap(String s) {
                        return s + ", politely";
                    }
                }
                """, "b-fixed");
        Path branch3 = app("branch3.jar", "return new Polite().wrap(\"Hello\");", """
                package app;
                public class Polite {
                    private final String suffix = ", very politely";
                    public String wrap(String s) {
                        return s + suffix;
                    }
                }
                """, "b-fixed");
        bodyFix = Fixtures.publish(repository, fixtures.patch(deployed, branch1, "patch1"), "1.0");
        newClassFix = Fixtures.publish(repository, fixtures.patch(deployed, branch2, "patch2"), "1.0");
        shapeChange = Fixtures.publish(repository, fixtures.patch(deployed, branch3, "patch3"), "1.0");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aFixThatAddsAClassIsInPlaceBeforeTheServiceTakesTraffic() throws Exception {
        Fixtures.writeConfig(config, newClassFix.config());
        Process app = service.start(deployed, agentArgs());

        String first = service.await(b -> b.startsWith("Hello"));
        assertThat(first).startsWith("Hello, politely ").contains("pid=" + app.pid()).contains("name=a")
                .contains("loader=LaunchedClassLoader");
        service.awaitLog("applied " + newClassFix.version() + " (" + newClassFix.shortHash() + "): new classes of"
                + " BOOT-INF/classes defined in");
        // the agent registers its JMX status once its first round is done, off the JVM's start
        assertThat(service.await(b -> !b.contains("jmx=unregistered"))).contains("jmx=" + newClassFix.hash());
        assertThat(service.log()).contains("armed " + newClassFix.version())
                .contains("DEFINE app.Polite in BOOT-INF/classes: waits for the class loader of BOOT-INF/classes")
                .doesNotContain("NoClassDefFoundError");

        // a stacked patch that gives the class the first patch added a field: refused, the first stays
        Fixtures.writeConfig(config, shapeChange.config());
        service.awaitLog("refused " + shapeChange.version() + " (" + shapeChange.shortHash()
                + ") [STACKED_SHAPE_CHANGE]");
        assertThat(service.answer()).startsWith("Hello, politely ");

        // from the new-class fix back to the body fix, then to the deployed build: same process
        Fixtures.writeConfig(config, bodyFix.config());
        assertThat(service.await(b -> b.startsWith("Hello, fixed "))).contains("pid=" + app.pid()).contains("name=a");
        Fixtures.writeConfig(config, "");
        assertThat(service.await(b -> b.startsWith("Hello name=") && b.contains("patch=none")))
                .contains("pid=" + app.pid()).contains("jmx=none");
        assertThat(service.answers()).allMatch(a -> a.startsWith("200 "));
    }

    @Test
    void patchesStackLiveAndTheAgentSurvivesARefusedRedefinition() throws Exception {
        Fixtures.writeConfig(config, "");
        Process app = service.start(deployed, agentArgs());
        assertThat(service.await(b -> b.startsWith("Hello"))).startsWith("Hello name=").contains("name=a");

        // body fix, live; the same class name in another library jar is not touched
        Fixtures.writeConfig(config, bodyFix.config());
        String patch = "patch=" + bodyFix.version() + "+" + bodyFix.shortHash();
        assertThat(service.await(b -> b.startsWith("Hello, fixed ") && b.contains(patch))).contains("name=a");
        service.awaitLog("REDEFINE app.Greeter in BOOT-INF/classes: redefined in 1 class loader(s)");
        service.awaitLog("REDEFINE shared.Name in BOOT-INF/lib/b-1.0.jar: not loaded yet");

        // stacked: the new-class fix on top of the body fix, live
        Fixtures.writeConfig(config, newClassFix.config());
        assertThat(service.await(b -> b.startsWith("Hello, politely "))).contains("pid=" + app.pid());
        service.awaitLog("DEFINE app.Polite in BOOT-INF/classes: defined in 1 class loader(s)");

        // a patch whose class the JVM refuses with an Error (ClassFormatError): refused, nothing changes
        Fixtures.Published broken = Fixtures.publish(repository, brokenPatch(), "1.0");
        Fixtures.writeConfig(config, broken.config());
        service.awaitLog("refused " + broken.version() + " (" + broken.shortHash() + ") [REDEFINITION_FAILED]");
        assertThat(service.answer()).startsWith("Hello, politely ");

        // the agent still takes the next configuration change, and still rolls back
        Fixtures.writeConfig(config, bodyFix.config());
        assertThat(service.await(b -> b.startsWith("Hello, fixed "))).contains("pid=" + app.pid());
        Fixtures.writeConfig(config, "");
        assertThat(service.await(b -> b.startsWith("Hello name=") && b.contains("patch=none"))).contains("pid=" + app.pid());
        assertThat(service.answers()).allMatch(a -> a.startsWith("200 "));
    }

    private String agentArgs() {
        return Fixtures.agentArgs(repositoryUrl, config.toUri().toString(), "interval=200ms,startupWait=30s");
    }

    /** A hot-swappable plan for app.Greeter whose bytes are no class file: the JVM answers with a ClassFormatError. */
    private Path brokenPatch() throws IOException {
        byte[] garbage = new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3};
        String path = "BOOT-INF/classes/app/Greeter.class";
        PatchManifest manifest = new PatchManifest(Sha256.of(deployed).hex(), "", "", PatchManifest.HOT_SWAPPABLE,
                List.of(new PatchManifest.Entry(path, ChangeKind.MODIFIED, Action.REDEFINE, "BOOT-INF/classes",
                        "app/Greeter", List.of(), null, Sha256.of(garbage), garbage.length, -1, "HOT_SWAPPABLE")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(PatchManifest.NAME));
            zip.write(manifest.toJson());
            zip.putNextEntry(new ZipEntry(PatchManifest.CONTENT_PREFIX + path));
            zip.write(garbage);
        }
        Path file = dir.resolve("broken.jar");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /**
     * The service: an HTTP endpoint in {@code BOOT-INF/classes} answering with its greeting and
     * {@code shared.Name}, which both {@code a-1.0.jar} (first on the class path, so the one loaded) and
     * {@code b-1.0.jar} hold.
     */
    private Path app(String file, String greetBody, String extraClass, String bName) throws IOException {
        Map<String, String> sources = new HashMap<>();
        sources.put("app.Main", """
                package app;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        var server = com.sun.net.httpserver.HttpServer.create(
                                new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                        server.createContext("/", exchange -> {
                            int status = 200;
                            String text;
                            try {
                                text = new Greeter().greet() + " name=" + shared.Name.value()
                                        + " pid=" + ProcessHandle.current().pid()
                                        + " patch=" + System.getProperty("hotpatch.applied.version", "none")
                                        + " jmx=" + jmx()
                                        + " loader=" + Greeter.class.getClassLoader().getClass().getSimpleName();
                            } catch (Throwable t) {
                                status = 500;
                                text = t.toString();
                            }
                            byte[] body = text.getBytes();
                            exchange.sendResponseHeaders(status, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }

                    /** The agent's JMX status: the applied patch's hash, as a JMX client reads it. */
                    static String jmx() {
                        try {
                            Object hash = java.lang.management.ManagementFactory.getPlatformMBeanServer()
                                    .getAttribute(new javax.management.ObjectName("dev.hotpatch:type=Agent"), "AppliedHash");
                            return hash.toString().isEmpty() ? "none" : hash.toString();
                        } catch (javax.management.InstanceNotFoundException e) {
                            return "unregistered";
                        } catch (Exception e) {
                            return e.toString();
                        }
                    }
                }
                """);
        sources.put("app.Greeter", """
                package app;
                public class Greeter {
                    public String greet() {
                        %s
                    }
                }
                """.formatted(greetBody));
        if (extraClass != null) {
            sources.put("app.Polite", extraClass);
        }
        sources.put("shared.Name", name("a"));
        Map<String, byte[]> compiled = fixtures.compile(sources);
        Map<String, byte[]> classes = new TreeMap<>();
        compiled.forEach((n, b) -> {
            if (n.startsWith("app/")) {
                classes.put(n, b);
            }
        });
        Map<String, byte[]> b = fixtures.compile(Map.of("shared.Name", name(bName)));
        return fixtures.springBootJar(file, "app.Main", classes, new TreeMap<>(Map.of(
                "a-1.0.jar", Map.of("shared/Name.class", compiled.get("shared/Name.class")),
                "b-1.0.jar", b)));
    }

    private static String name(String value) {
        return """
                package shared;
                public class Name {
                    public static String value() {
                        return "%s";
                    }
                }
                """.formatted(value);
    }
}
