package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.classfile.SwapCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict's catalogue of source changes (diff-core's {@code SwapCase}), carried out by the real
 * agent. Every case's class {@code p.C} lives in a library jar of its own, loaded by a class loader
 * of its own, so one service holds all of them under one class name in different containers.
 *
 * <p>One patch holds every case the engine calls HOT_SWAPPABLE; it is applied live and, in a second
 * JVM, named before the start. What each case's {@code p.C} then does (its methods' results,
 * signatures and annotations) must equal what the branch build does after a plain restart. Every
 * case the engine calls RESTART_REQUIRED is published as a patch of its own and must be refused
 * without changing what the service does.
 */
class VerdictThroughAgentIT {
    @TempDir
    Path dir;

    private Fixtures fixtures;
    private Map<String, byte[]> launcher;
    private final List<RunningService> services = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(RunningService::close);
    }

    @Test
    void everyHotSwappableCaseIsAppliedAndEveryOtherIsRefused() throws Exception {
        fixtures = new Fixtures(dir);
        List<SwapCases.Case> cases = SwapCases.all();
        Map<String, Map<String, byte[]>> oldJars = new TreeMap<>();
        Map<String, Map<String, byte[]>> newJars = new TreeMap<>();
        for (SwapCases.Case c : cases) {
            oldJars.put(c.name(), compile(c.oldSource(), c.support(), c.oldOptions()));
            newJars.put(c.name(), compile(c.newSource(), c.support(), c.newOptions()));
        }
        Path deployed = service("deployed.jar", oldJars);

        // the engine's verdict on each case alone
        Map<String, String> verdicts = new LinkedHashMap<>();
        Map<String, Path> restartPatches = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> hotBranch = new TreeMap<>(oldJars);
        for (SwapCases.Case c : cases) {
            Map<String, Map<String, byte[]>> one = new TreeMap<>(oldJars);
            one.put(c.name(), newJars.get(c.name()));
            Path branch = service("branch-" + c.name() + ".jar", one);
            Path out = dir.resolve("patch-" + c.name());
            // the verdict is what this test is about; the compiler check has its own tests
            DiffResult result = new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, out)
                    .failOnRestartRequired(false).skipCompilerCheck(true).build());
            String verdict = result.report().assessment().verdict().name();
            verdicts.put(c.name(), verdict);
            if (verdict.equals("HOT_SWAPPABLE")) {
                hotBranch.put(c.name(), newJars.get(c.name()));
            } else if (verdict.equals("RESTART_REQUIRED")) {
                restartPatches.put(c.name(), out.resolve(DiffRequest.ARCHIVE_NAME));
            }
        }
        assertThat(verdicts).containsValue("HOT_SWAPPABLE").containsValue("RESTART_REQUIRED");
        Path branch = service("branch-hot.jar", hotBranch);
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Path hotOut = dir.resolve("patch-hot");
        new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, hotOut).skipCompilerCheck(true).build());
        Fixtures.Published hot = Fixtures.publish(repository, hotOut.resolve(DiffRequest.ARCHIVE_NAME), "1.0");

        Map<String, String> truth = fingerprints(start("truth", branch, null, null));

        // live
        Path config = dir.resolve("live.properties");
        Fixtures.writeConfig(config, "");
        RunningService live = start("live", deployed, repository, config);
        Map<String, String> before = fingerprints(live);
        Fixtures.writeConfig(config, hot.config());
        live.awaitLog("applied " + hot.version() + " (" + hot.shortHash() + ")");
        Map<String, String> applied = fingerprints(live);
        // named before the start
        Path startConfig = dir.resolve("start.properties");
        Fixtures.writeConfig(startConfig, hot.config());
        Map<String, String> atStart = fingerprints(start("start", deployed, repository, startConfig));

        int observed = 0;
        for (SwapCases.Case c : cases) {
            if (!verdicts.get(c.name()).equals("HOT_SWAPPABLE")) {
                continue;
            }
            assertThat(atStart.get(c.name())).as("%s applied at start-up behaves as after a restart", c.name())
                    .isEqualTo(truth.get(c.name()));
            live.awaitLog("REDEFINE p.C in BOOT-INF/lib/" + c.name() + ".jar: redefined in 1 class loader(s)");
            if (!c.name().equals("STATIC_INITIALIZER_CHANGED")) { // a running JVM never reruns <clinit>
                assertThat(applied.get(c.name())).as("%s applied live behaves as after a restart", c.name())
                        .isEqualTo(truth.get(c.name()));
            }
            if (!before.get(c.name()).equals(truth.get(c.name()))) {
                observed++;
            }
        }
        assertThat(observed).as("cases whose new behaviour the service shows").isGreaterThan(5);

        // every other case is refused and changes nothing
        for (Map.Entry<String, Path> r : restartPatches.entrySet()) {
            Fixtures.Published p = Fixtures.publish(repository, r.getValue(), "1.0");
            Fixtures.writeConfig(config, p.config());
            live.awaitLog("refused " + p.version() + " (" + p.shortHash() + ") [RESTART_REQUIRED]");
        }
        assertThat(fingerprints(live)).isEqualTo(applied);
        assertThat(live.log()).doesNotContain("REDEFINITION_FAILED").doesNotContain("INTERNAL_ERROR");
    }

    private RunningService start(String name, Path jar, Path repository, Path config) throws IOException {
        Path home = Files.createDirectories(dir.resolve("run-" + name));
        RunningService s = new RunningService(home);
        services.add(s);
        if (config == null) {
            s.startWithoutAgent(jar);
        } else {
            s.start(jar, Fixtures.agentArgs("file:" + repository + "/", config.toUri().toString(),
                    "interval=100ms,startupWait=60s"));
        }
        s.await(b -> b.startsWith("cases "));
        return s;
    }

    private static Map<String, String> fingerprints(RunningService s) {
        Map<String, String> byCase = new TreeMap<>();
        for (String line : s.answer().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                byCase.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return byCase;
    }

    private Map<String, byte[]> compile(String source, Map<String, String> support, List<String> options)
            throws IOException {
        Map<String, String> units = new HashMap<>(support);
        units.put("p.C", source);
        List<String> all = new java.util.ArrayList<>(List.of("-g")); // as the verdict's own differential test
        all.addAll(options);
        return fixtures.compile(units, all.toArray(String[]::new));
    }

    /** A service whose launcher loads each case's jar in a class loader of its own and shows how its p.C behaves. */
    private Path service(String name, Map<String, Map<String, byte[]>> caseJars) throws IOException {
        if (launcher == null) {
            launcher = fixtures.compile(Map.of("svc.Main", LAUNCHER));
        }
        Map<String, byte[]> top = new TreeMap<>(launcher);
        for (Map.Entry<String, Map<String, byte[]>> e : caseJars.entrySet()) {
            top.put("BOOT-INF/lib/" + e.getKey() + ".jar", Fixtures.jar(null, e.getValue()));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "svc.Main");
        Path file = dir.resolve(name);
        Files.write(file, Fixtures.jar(manifest, top));
        return file;
    }

    private static final String LAUNCHER = """
            package svc;
            import java.lang.reflect.*;
            import java.nio.file.*;
            import java.util.*;
            public class Main {
                public static void main(String[] args) throws Exception {
                    Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    Path libs = Files.createTempDirectory("cases");
                    Map<String, ClassLoader> loaders = new TreeMap<>();
                    try (var zip = new java.util.zip.ZipFile(self.toFile())) {
                        for (var e : Collections.list(zip.entries())) {
                            if (e.getName().startsWith("BOOT-INF/lib/")) {
                                String file = e.getName().substring("BOOT-INF/lib/".length());
                                Path jar = libs.resolve(file);
                                try (var in = zip.getInputStream(e)) {
                                    Files.copy(in, jar);
                                }
                                loaders.put(file.replace(".jar", ""), new java.net.URLClassLoader(file,
                                        new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader()));
                            }
                        }
                    }
                    var server = com.sun.net.httpserver.HttpServer.create(
                            new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                    server.createContext("/", exchange -> {
                        StringBuilder out = new StringBuilder("cases " + loaders.size() + "\\n");
                        for (var l : loaders.entrySet()) {
                            out.append(l.getKey()).append('\\t').append(fingerprint(l.getValue())).append('\\n');
                        }
                        byte[] body = out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }

                /** What p.C does: each method's signature, annotations and result on fixed arguments. */
                static String fingerprint(ClassLoader loader) {
                    StringBuilder sb = new StringBuilder();
                    try {
                        Class<?> c = Class.forName("p.C", true, loader);
                        Object instance = null;
                        try {
                            Constructor<?> k = c.getDeclaredConstructor();
                            k.setAccessible(true);
                            instance = k.newInstance();
                        } catch (Throwable none) {
                            // an interface or abstract class
                        }
                        Method[] methods = c.getDeclaredMethods();
                        Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
                        for (Method m : methods) {
                            if (m.isSynthetic()) {
                                continue;
                            }
                            sb.append(m.toGenericString()).append(Arrays.toString(m.getDeclaredAnnotations()));
                            Object[] arguments = switch (m.getParameterCount() == 0 ? "" : m.getParameterTypes()[0].getName()) {
                                case "" -> new Object[0];
                                case "int" -> m.getParameterCount() == 1 ? new Object[] {3} : null;
                                case "long" -> m.getParameterCount() == 1 ? new Object[] {3L} : null;
                                case "java.lang.String" -> m.getParameterCount() == 1 ? new Object[] {"x"} : null;
                                case "java.util.List" -> m.getParameterCount() == 1 ? new Object[] {List.of("a")} : null;
                                default -> null;
                            };
                            if (arguments != null && (instance != null || Modifier.isStatic(m.getModifiers()))) {
                                try {
                                    m.setAccessible(true);
                                    Object result = m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance, arguments);
                                    sb.append('=').append(result != null && result.getClass().isArray()
                                            ? Arrays.deepToString(new Object[] {result}) : String.valueOf(result));
                                } catch (InvocationTargetException e) {
                                    sb.append('!').append(e.getCause().getClass().getName());
                                } catch (Throwable e) {
                                    sb.append('?').append(e.getClass().getSimpleName());
                                }
                            }
                            sb.append(';');
                        }
                    } catch (Throwable t) {
                        sb.append("failed: ").append(t);
                    }
                    return sb.toString().replace('\\n', ' ').replace('\\t', ' ');
                }
            }
            """;
}
