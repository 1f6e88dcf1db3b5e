package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds what the agent's tests run: classes compiled from sources, jars, Spring Boot fat jars, patches. */
final class Fixtures {
    static final String GROUP = "dev.example";
    static final String ARTIFACT = "shop-hotpatch";

    private final Path dir;

    Fixtures(Path dir) {
        this.dir = dir;
    }

    /** The agent's arguments for this fixture's patches: {@code repo}, coordinates, {@code config}, then {@code more}. */
    static String agentArgs(String repo, String config, String more) {
        return "repo=" + repo + ",groupId=" + GROUP + ",artifactId=" + ARTIFACT + ",config=" + config + "," + more;
    }

    /**
     * A plain {@code java -jar} service: it answers every HTTP request on the port its first
     * argument names with {@code app.Greeter.greet()} and its PID ("Hello pid=4242").
     */
    Path greeterApp(String name, String greeting) throws IOException {
        Map<String, byte[]> classes = compile(Map.of("app.Main", """
                package app;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        var server = com.sun.net.httpserver.HttpServer.create(
                                new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                        server.createContext("/", exchange -> {
                            byte[] body = (new Greeter().greet() + " pid=" + ProcessHandle.current().pid()).getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """, "app.Greeter", """
                package app;
                public class Greeter {
                    public String greet() {
                        return "%s";
                    }
                }
                """.formatted(greeting)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "app.Main");
        Path file = dir.resolve(name);
        Files.write(file, jar(manifest, classes));
        return file;
    }

    /** Compiles Java sources (class name → source) and returns the class files by entry name. */
    Map<String, byte[]> compile(Map<String, String> sources, String... options) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path out = Files.createTempDirectory(dir, "classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        if (!List.of(options).contains("--release")) {
            args.addAll(List.of("--release", "17"));
        }
        args.addAll(List.of(options));
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
        Map<String, byte[]> classes = new TreeMap<>();
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

    static byte[] jar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(315619200000L);
                if (e.getKey().endsWith(".jar")) {
                    // nested jars are stored, as Spring Boot requires
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
        return bytes.toByteArray();
    }

    /**
     * A Spring Boot fat jar started by Spring Boot's own {@code JarLauncher}: the loader classes at the
     * top, the application's classes under {@code BOOT-INF/classes/}, libraries as stored jars under
     * {@code BOOT-INF/lib/}.
     *
     * @param classes   the application's classes by entry name
     * @param libraries library jar name → its classes by entry name
     */
    Path springBootJar(String name, String startClass, Map<String, byte[]> classes,
            Map<String, Map<String, byte[]>> libraries) throws IOException {
        Map<String, byte[]> top = new TreeMap<>(springBootLoader());
        classes.forEach((n, b) -> top.put("BOOT-INF/classes/" + n, b));
        for (Map.Entry<String, Map<String, byte[]>> lib : libraries.entrySet()) {
            top.put("BOOT-INF/lib/" + lib.getKey(), jar(null, lib.getValue()));
        }
        for (String entry : List.copyOf(top.keySet())) {
            // Spring Boot's launcher finds BOOT-INF/classes/ by its directory entry, as its own plugin writes them
            for (int slash = entry.indexOf('/'); slash > 0; slash = entry.indexOf('/', slash + 1)) {
                top.putIfAbsent(entry.substring(0, slash + 1), new byte[0]);
            }
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", startClass);
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        Path file = dir.resolve(name);
        Files.write(file, jar(manifest, top));
        return file;
    }

    /** The classes of Spring Boot's loader jar, from the test class path. */
    private static Map<String, byte[]> springBootLoader() throws IOException {
        Path loader;
        try {
            loader = Path.of(org.springframework.boot.loader.launch.JarLauncher.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        try (JarFile jar = new JarFile(loader.toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                if (!e.isDirectory() && e.getName().startsWith("org/springframework/boot/loader/")) {
                    entries.put(e.getName(), jar.getInputStream(e).readAllBytes());
                }
            }
        }
        return entries;
    }

    /** Runs the engine as CI would and returns the patch archive. */
    Path patch(Path deployed, Path branch, String out) {
        new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, dir.resolve(out)).build());
        return dir.resolve(out).resolve(DiffRequest.ARCHIVE_NAME);
    }

    /** Puts an archive where the agent looks for this version in a Maven repository folder. */
    static void publish(Path repository, String version, byte[] archive) throws IOException {
        Path file = repository.resolve(new PatchCoordinates(GROUP, ARTIFACT, version).repositoryPath());
        Files.createDirectories(file.getParent());
        Files.write(file, archive);
    }

    /** A published patch: what an operator writes into the configuration. */
    record Published(String version, String hash) {
        String config() {
            return "version=" + version + "\nhash=" + hash + "\n";
        }

        String shortHash() {
            return hash.substring(0, 12);
        }
    }

    static Published publish(Path repository, Path patch, String baselineVersion) throws IOException {
        byte[] bytes = Files.readAllBytes(patch);
        String hash = Sha256.of(bytes);
        String version = baselineVersion + "-" + hash.substring(0, 12);
        publish(repository, version, bytes);
        return new Published(version, hash);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes the agent's configuration as an operator should: a temporary file renamed over the old
     * one, so the agent never reads a half-written (empty) file, which means "no patch".
     */
    static void writeConfig(Path config, String text) throws IOException {
        Path tmp = config.resolveSibling(config.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
