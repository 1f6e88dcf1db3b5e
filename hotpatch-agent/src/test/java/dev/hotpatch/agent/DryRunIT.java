package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.classfile.Verdict;
import dev.hotpatch.core.dryrun.DryRunOptions;
import dev.hotpatch.core.dryrun.DryRunResult;
import dev.hotpatch.core.dryrun.DryRunResult.Answer;
import dev.hotpatch.format.PatchContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The dry run with the real agent jar: the engine forks {@code java -jar hotpatch-agent.jar}, which
 * holds a Spring Boot fat jar's classes as Spring Boot's launcher does and applies the plan with the
 * agent's own code. A body fix and a new class are accepted; bytecode the rules accept but HotSpot's
 * verifier refuses turns the verdict into a restart with the JVM's message; a class whose supertype is
 * missing is reported, not a crash; a second JDK answers when it is named.
 */
class DryRunIT {
    private static final Path AGENT = Path.of(System.getProperty("hotpatch.agent.jar", "target/hotpatch-agent.jar"));

    @TempDir
    Path dir;

    private Fixtures fixtures;
    private Path deployed;

    @BeforeEach
    void build() throws IOException {
        fixtures = new Fixtures(dir);
        deployed = app("deployed.jar", "return \"Hello\";", null);
    }

    @Test
    void aBodyFixAndANewClassAreAcceptedByHotSpot() throws IOException {
        Path branch = app("branch.jar", "return new Polite().wrap(\"Hello\");", """
                package app;
                public class Polite {
                    public String wrap(String s) {
                        return s + ", politely";
                    }
                }
                """);

        DiffResult result = diff(branch, DryRunOptions.with(AGENT));

        DryRunResult dry = result.report().dryRun().orElseThrow();
        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.HOT_SWAPPABLE);
        assertThat(dry.jvm().version()).isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(dry.classes()).extracting(DryRunResult.ClassAnswer::path, DryRunResult.ClassAnswer::step,
                DryRunResult.ClassAnswer::answer).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BOOT-INF/classes/app/Greeter.class", "REDEFINE", Answer.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("BOOT-INF/classes/app/Polite.class", "DEFINE", Answer.ACCEPTED));
        String report = Files.readString(result.reportFile());
        assertThat(report).contains("\"dryRun\"", "\"vendor\": \"" + System.getProperty("java.vm.vendor"));
        assertThat(Files.readString(result.summaryFile())).contains("## Dry run", "Answered by **");
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<section id=\"dry-run\">",
                dry.jvm().describe(), "<tr data-answer=\"ACCEPTED\"><td><code>app.Polite</code>");
        assertNoScratchLeft();
    }

    @Test
    void bytecodeThatHotSpotsVerifierRefusesNeedsARestartWithTheJvmsMessage() throws IOException {
        // the same shape as the deployed class, so the rules accept it; the body returns an int as a String
        Path branch = app("branch.jar", "return \"Hello, fixed\";", null);
        Path broken = dir.resolve("broken.jar");
        rewriteClass(branch, broken, "BOOT-INF/classes/app/Greeter.class", DryRunIT::returnAnIntAsAString);

        DiffResult result = diff(broken, DryRunOptions.with(AGENT));

        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.RESTART_REQUIRED);
        var greeter = result.report().assessment().changes().stream()
                .filter(c -> c.path().toString().equals("BOOT-INF/classes/app/Greeter.class")).findFirst().orElseThrow();
        assertThat(greeter.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(SwapReason.DRY_RUN_REFUSED);
            assertThat(f.message()).contains("refused to redefine app.Greeter", "VerifyError");
        });
        // the patch says so too: nothing downstream can take it for hot-swappable
        PatchContents patch = PatchContents.read(Files.readAllBytes(result.patch().orElseThrow().file()));
        assertThat(patch.manifest().hotSwappable()).isFalse();
        assertThat(Files.readString(result.summaryFile())).contains("DRY_RUN_REFUSED");
    }

    @Test
    void aClassWhoseSupertypeIsMissingIsReportedNotACrash() throws IOException {
        Map<String, String> optional = Map.of("opt.Base", "package opt; public class Base { }");
        Path deployedWithPlugin = appWithPlugin("deployed-plugin.jar", "return 1;", optional);
        Path branchWithPlugin = appWithPlugin("branch-plugin.jar", "return 2;", optional);

        DiffResult result = new Hotpatch(e -> { }).assess(DiffRequest.builder(deployedWithPlugin, branchWithPlugin,
                dir.resolve("out-plugin")).dryRun(DryRunOptions.with(AGENT)).build());

        DryRunResult dry = result.report().dryRun().orElseThrow();
        assertThat(dry.classes()).singleElement().satisfies(a -> {
            assertThat(a.answer()).isEqualTo(Answer.NOT_LOADED);
            assertThat(a.message()).contains("opt/Base");
        });
        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.HOT_SWAPPABLE);
    }

    @Test
    void aNamedJdkAnswers() throws IOException {
        Path jdk25 = Path.of(System.getProperty("hotpatch.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no JDK 25");
        Path branch = app("branch.jar", "return \"Hello, fixed\";", null);

        DiffResult result = diff(branch, DryRunOptions.with(AGENT).javaHome(jdk25));

        DryRunResult dry = result.report().dryRun().orElseThrow();
        assertThat(dry.jvm().version()).startsWith("25");
        assertThat(dry.classes()).singleElement().extracting(DryRunResult.ClassAnswer::answer).isEqualTo(Answer.ACCEPTED);
        assertThat(Files.readString(result.summaryFile())).contains(dry.jvm().version());
    }

    @Test
    void aDryRunThatTakesTooLongIsStoppedAndNamed() throws IOException {
        Path branch = app("branch.jar", "return \"Hello, fixed\";", null);
        // a JVM that cannot even start in a millisecond: the bound, not the machine's speed, decides
        DryRunOptions hurried = DryRunOptions.with(AGENT).timeout(Duration.ofMillis(1));

        assertThatThrownBy(() -> diff(branch, hurried)).isInstanceOfSatisfying(HotpatchException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.DRY_RUN_FAILED);
                    assertThat(e.getMessage()).contains("did not finish within", "hotpatch.dryRun=false");
                });
        assertNoScratchLeft();
    }

    @Test
    void aMissingJdkIsOneClearLine() throws IOException {
        Path branch = app("branch.jar", "return \"Hello, fixed\";", null);

        assertThatThrownBy(() -> diff(branch, DryRunOptions.with(AGENT).javaHome(dir.resolve("no-jdk"))))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.DRY_RUN_FAILED);
                    assertThat(e.getMessage()).contains("no-jdk/bin/java", "does not exist");
                });
    }

    private DiffResult diff(Path branch, DryRunOptions dryRun) {
        return new Hotpatch(e -> { }).assess(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .dryRun(dryRun).skipCompilerCheck(true).failOnRestartRequired(false).build());
    }

    private void assertNoScratchLeft() throws IOException {
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("hotpatch-dry-run"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() > started;
                        } catch (IOException e) {
                            return false;
                        }
                    })).isEmpty();
        }
    }

    private final long started = System.currentTimeMillis() - 1000;

    /** A Spring Boot fat jar: a service class with {@code greet()}, an optional new class, a library jar. */
    private Path app(String file, String greetBody, String extraClass) throws IOException {
        Map<String, String> sources = new HashMap<>();
        sources.put("app.Greeter", """
                package app;
                public class Greeter {
                    public String greet() {
                        %s
                    }
                    public String twice() {
                        return greet() + shared.Name.value();
                    }
                }
                """.formatted(greetBody));
        if (extraClass != null) {
            sources.put("app.Polite", extraClass);
        }
        sources.put("shared.Name", "package shared; public class Name { public static String value() { return \"a\"; } }");
        Map<String, byte[]> compiled = fixtures.compile(sources);
        Map<String, byte[]> classes = new TreeMap<>();
        compiled.forEach((n, b) -> {
            if (n.startsWith("app/")) {
                classes.put(n, b);
            }
        });
        return fixtures.springBootJar(file, "app.Greeter", classes,
                Map.of("shared-1.0.jar", Map.of("shared/Name.class", compiled.get("shared/Name.class"))));
    }

    /** A fat jar with a plugin class whose supertype (in an optional library) is not packaged. */
    private Path appWithPlugin(String file, String body, Map<String, String> optional) throws IOException {
        Map<String, String> sources = new HashMap<>(optional);
        sources.put("app.Plugin", "package app; public class Plugin extends opt.Base { int f() { " + body + " } }");
        Map<String, byte[]> compiled = fixtures.compile(sources);
        return fixtures.springBootJar(file, "app.Plugin", Map.of("app/Plugin.class", compiled.get("app/Plugin.class")),
                Map.of());
    }

    private static byte[] returnAnIntAsAString(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals("greet")) {
                    return mv;
                }
                mv.visitCode();
                mv.visitInsn(Opcodes.ICONST_1);
                mv.visitInsn(Opcodes.ARETURN);
                mv.visitMaxs(1, 1);
                mv.visitEnd();
                return null;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Copies a jar, one nested entry replaced by a function of its bytes. */
    private static void rewriteClass(Path from, Path to, String entry, java.util.function.UnaryOperator<byte[]> change)
            throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(from.toFile())) {
            for (var e : java.util.Collections.list(jar.entries())) {
                if (e.getName().equals(java.util.jar.JarFile.MANIFEST_NAME)) {
                    continue;
                }
                byte[] b = jar.getInputStream(e).readAllBytes();
                entries.put(e.getName(), e.getName().equals(entry) ? change.apply(b) : b);
            }
            Files.write(to, Fixtures.jar(jar.getManifest(), entries));
        }
    }
}
