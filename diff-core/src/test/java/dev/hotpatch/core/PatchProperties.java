package dev.hotpatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.Differ;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.IgnoredEntry;
import dev.hotpatch.core.patch.PatchFile;
import dev.hotpatch.core.testing.TestArchives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Properties of the whole pipeline over random pairs of nested archives (jars in jars, stored or
 * deflated, some entries matched by the default ignore rules). The expected result is computed
 * independently: both archives are flattened with {@code java.util.zip} and the patch's changes
 * are applied to the flattened baseline by hand.
 */
class PatchProperties {
    private static final List<String> FILES = List.of("a.txt", "x/B.class", "x/y/C.class",
            "META-INF/build-info.properties", "git.properties");
    private static final List<String> JARS = List.of("lib/one.jar", "lib/two.jar");
    private static final String ARCHIVE_MARK = "<archive>";

    private Path dir;

    /** A file's content, or a nested jar (stored or deflated, with a timestamp of its own). */
    sealed interface Node permits FileNode, JarNode { }

    record FileNode(String content) implements Node { }

    record JarNode(Map<String, Node> entries, boolean stored, long time) implements Node {
        byte[] bytes() {
            TestArchives.ZipBuilder zip = TestArchives.zip().time(time);
            entries.forEach((name, node) -> {
                if (node instanceof JarNode jar) {
                    if (jar.stored()) {
                        zip.stored(name, jar.bytes());
                    } else {
                        zip.add(name, jar.bytes());
                    }
                } else {
                    zip.add(name, ((FileNode) node).content());
                }
            });
            return zip.bytes();
        }
    }

    @BeforeTry
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("hotpatch-props");
    }

    @AfterTry
    void deleteDirectory() {
        ScratchFiles.deleteTree(dir);
    }

    @Property(tries = 150)
    void applyingThePatchToTheBaselineGivesTheTarget(@ForAll("roots") JarNode baseline, @ForAll("roots") JarNode target)
            throws IOException {
        Path a = TestArchives.write(dir.resolve("a.jar"), baseline.bytes());
        Path b = TestArchives.write(dir.resolve("b.jar"), target.bytes());

        DiffResult result = diff(a, b, dir.resolve("out"));

        Map<String, String> applied = flatten(baseline.bytes());
        if (result.patch().isPresent()) {
            try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                    PatchFile patch = PatchFile.open(reader, result.patch().get().file())) {
                for (Change c : result.changes().changes()) {
                    applied = apply(applied, c, patch);
                }
            }
        }
        Map<String, String> expected = flatten(target.bytes());
        for (IgnoredEntry i : result.changes().ignored()) {
            applied = without(applied, i.path().toString());
            expected = without(expected, i.path().toString());
        }
        assertThat(applied).isEqualTo(expected);
    }

    @Property(tries = 50)
    void runningTwiceGivesIdenticalBytes(@ForAll("roots") JarNode baseline, @ForAll("roots") JarNode target)
            throws IOException {
        Path a = TestArchives.write(dir.resolve("a.jar"), baseline.bytes());
        Path b = TestArchives.write(dir.resolve("b.jar"), target.bytes());

        DiffResult first = diff(a, b, dir.resolve("one"));
        DiffResult second = diff(a, b, dir.resolve("two"));

        assertThat(second.patch().isPresent()).isEqualTo(first.patch().isPresent());
        if (first.patch().isPresent()) {
            assertThat(Files.readAllBytes(dir.resolve("two/hotpatch.jar")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("one/hotpatch.jar")));
            assertThat(second.patch().get().sha256()).isEqualTo(first.patch().get().sha256());
        }
        assertThat(second.changes()).isEqualTo(first.changes());
    }

    @Property(tries = 150)
    void diffingTheOtherWayRoundIsTheMirrorImage(@ForAll("roots") JarNode baseline, @ForAll("roots") JarNode target) {
        Path a = TestArchives.write(dir.resolve("a.jar"), baseline.bytes());
        Path b = TestArchives.write(dir.resolve("b.jar"), target.bytes());

        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                ContentStore store = ContentStore.createTemporary();
                Archive left = reader.open(a);
                Archive right = reader.open(b)) {
            Differ differ = new Differ(reader, IgnoreRules.defaults(), store);
            ChangeSet forward = differ.diff(left, right);
            ChangeSet backward = differ.diff(right, left);

            assertThat(backward.changes()).isEqualTo(forward.changes().stream().map(PatchProperties::mirror).toList());
            assertThat(backward.ignored()).isEqualTo(forward.ignored().stream()
                    .map(i -> new IgnoredEntry(i.path(), mirror(i.kind()), i.rule())).toList());
        }
    }

    @Provide
    Arbitrary<JarNode> roots() {
        // a root-level file on both sides keeps the two top folders from being paired
        return jar(2).map(j -> {
            Map<String, Node> entries = new TreeMap<>(j.entries());
            entries.put("README.txt", new FileNode("readme"));
            return new JarNode(entries, j.stored(), j.time());
        });
    }

    private Arbitrary<JarNode> jar(int depth) {
        List<String> names = new ArrayList<>(FILES);
        if (depth > 0) {
            names.addAll(JARS);
        }
        return Arbitraries.subsetOf(names).flatMap(chosen -> {
            List<String> sorted = chosen.stream().sorted().toList();
            List<Arbitrary<Node>> nodes = sorted.stream().map(name -> node(name, depth)).toList();
            Arbitrary<Map<String, Node>> entries = nodes.isEmpty() ? Arbitraries.just(Map.of())
                    : Combinators.combine(nodes).as(list -> {
                        Map<String, Node> m = new TreeMap<>();
                        for (int i = 0; i < sorted.size(); i++) {
                            m.put(sorted.get(i), list.get(i));
                        }
                        return m;
                    });
            return Combinators.combine(entries, Arbitraries.of(true, false), Arbitraries.of(315_619_200_000L,
                    1_600_000_000_000L)).as(JarNode::new);
        });
    }

    private Arbitrary<Node> node(String name, int depth) {
        if (name.endsWith(".jar")) {
            return jar(depth - 1).map(j -> j);
        }
        return Arbitraries.of("one", "two", "three", "x".repeat(300)).map(FileNode::new);
    }

    private DiffResult diff(Path baseline, Path target, Path out) {
        // random jars add and remove libraries, which need a restart; these properties are about the bytes
        return new Hotpatch(e -> { }).diff(DiffRequest.builder(baseline, target, out).failOnRestartRequired(false).build());
    }

    /** Every entry by its {@code !/} path, descending into {@code .jar} entries; a jar itself is marked. */
    private static Map<String, String> flatten(byte[] zip) {
        Map<String, String> out = new TreeMap<>();
        flatten(zip, "", out);
        return out;
    }

    private static void flatten(byte[] zip, String prefix, Map<String, String> out) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(".jar")) {
                    out.put(prefix + e.getName(), ARCHIVE_MARK);
                    flatten(content, prefix + e.getName() + "!/", out);
                } else {
                    out.put(prefix + e.getName(), new String(content, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One change applied by hand: the old entry (and all inside it) goes, the new content comes in. */
    private static Map<String, String> apply(Map<String, String> flat, Change change, PatchFile patch) throws IOException {
        String path = change.path().toString();
        Map<String, String> next = without(flat, path);
        if (change.carriesContent()) {
            byte[] content;
            try (InputStream in = patch.content(change.path()).openStream()) {
                content = in.readAllBytes();
            }
            if (path.endsWith(".jar")) {
                next.put(path, ARCHIVE_MARK);
                flatten(content, path + "!/", next);
            } else {
                next.put(path, new String(content, StandardCharsets.UTF_8));
            }
        }
        return next;
    }

    private static Map<String, String> without(Map<String, String> flat, String path) {
        Set<String> gone = flat.keySet().stream().filter(k -> k.equals(path) || k.startsWith(path + "!/"))
                .collect(Collectors.toSet());
        Map<String, String> next = new TreeMap<>(flat);
        next.keySet().removeAll(gone);
        return next;
    }

    private static Change mirror(Change c) {
        return new Change(c.path(), mirror(c.kind()), c.newSha256(), c.oldSha256(), c.newSize(), c.oldSize(),
                c.nestedEntries());
    }

    private static ChangeKind mirror(ChangeKind kind) {
        return switch (kind) {
            case ADDED -> ChangeKind.REMOVED;
            case REMOVED -> ChangeKind.ADDED;
            case MODIFIED -> ChangeKind.MODIFIED;
        };
    }
}
