package dev.hotpatch.core.diff;

import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the jars of one archive level that are the same library in another version: a jar only
 * the baseline has and one only the target has, in the same folder, naming the same
 * {@code groupId:artifactId} in their {@code META-INF/maven/}{@code *}{@code /}{@code *}{@code /pom.properties}
 * (or, when a side has no such metadata, the same file name without its version). A library that
 * could pair with more than one jar is left unpaired.
 */
final class LibraryMatcher {
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    /** {@code h2-2.3.232.jar} → stem {@code h2}, version {@code 2.3.232}. */
    private static final Pattern FILE_NAME = Pattern.compile("(.+?)(?:-(\\d[^/]*))?\\.jar");

    /** A one-sided jar and what it says about itself. */
    record Library(ArchiveEntry entry, String folder, String stem, String coordinates, String version) {
        boolean sameLibraryAs(Library other) {
            if (!folder.equals(other.folder)) {
                return false;
            }
            return coordinates != null && other.coordinates != null ? coordinates.equals(other.coordinates)
                    : stem.equals(other.stem);
        }

        String artifact() {
            return coordinates != null ? coordinates : stem;
        }
    }

    /** A pair found: the two entries and the pair as reported. */
    record Match(ArchiveEntry deployed, ArchiveEntry branch, LibraryPair pair) { }

    private final ArchiveReader reader;

    LibraryMatcher(ArchiveReader reader) {
        this.reader = reader;
    }

    /**
     * @param removed entries only {@code a} has, candidates for the deployed side
     * @param added   entries only {@code b} has
     */
    List<Match> match(Archive a, List<ArchiveEntry> removed, Archive b, List<ArchiveEntry> added) {
        List<Match> matches = new ArrayList<>();
        if (removed.isEmpty() || added.isEmpty()) {
            return matches;
        }
        List<Library> left = libraries(a, removed, added);
        List<Library> right = libraries(b, added, removed);
        for (Library l : left) {
            List<Library> candidates = right.stream().filter(l::sameLibraryAs).toList();
            if (candidates.size() != 1 || left.stream().filter(candidates.get(0)::sameLibraryAs).count() != 1) {
                continue;
            }
            Library r = candidates.get(0);
            matches.add(new Match(l.entry(), r.entry(), new LibraryPair(a.path().child(l.entry().name()),
                    b.path().child(r.entry().name()), l.artifact(), l.version(), r.version())));
        }
        return matches;
    }

    /** The jars among {@code entries} that share a folder with a jar among {@code others}, read. */
    private List<Library> libraries(Archive archive, List<ArchiveEntry> entries, List<ArchiveEntry> others) {
        List<String> otherFolders = others.stream().filter(e -> isJar(e.name())).map(e -> folder(e.name())).toList();
        List<Library> libraries = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            if (isJar(e.name()) && otherFolders.contains(folder(e.name()))) {
                read(archive, e).ifPresent(libraries::add);
            }
        }
        return libraries;
    }

    private Optional<Library> read(Archive parent, ArchiveEntry e) {
        String fileName = e.name().substring(e.name().lastIndexOf('/') + 1);
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Archive> opened = reader.openNested(parent, e);
        if (opened.isEmpty()) {
            return Optional.empty(); // named .jar but not an archive: a plain file change
        }
        try (Archive jar = opened.get()) {
            Properties pom = pomProperties(jar, m.group(1));
            String coordinates = pom == null ? null : pom.getProperty("groupId") + ":" + pom.getProperty("artifactId");
            String version = pom != null && pom.getProperty("version") != null ? pom.getProperty("version")
                    : m.group(2);
            return Optional.of(new Library(e, folder(e.name()), m.group(1), coordinates, version));
        }
    }

    /**
     * The jar's own Maven metadata: the only {@code pom.properties}, or, in a jar that shades
     * others, the one whose artifactId the file name starts with; null when none is the jar's own.
     */
    private static Properties pomProperties(Archive jar, String stem) {
        List<Properties> found = new ArrayList<>();
        for (ArchiveEntry e : jar.entries()) {
            Matcher m = POM_PROPERTIES.matcher(e.name());
            if (!m.matches()) {
                continue;
            }
            Properties p = new Properties();
            try (InputStream in = e.openStream()) {
                p.load(in);
            } catch (IOException | IllegalArgumentException ex) {
                continue; // unreadable metadata tells nothing; the diff still compares the entry
            }
            if (p.getProperty("groupId") == null) {
                p.setProperty("groupId", m.group(1));
            }
            if (p.getProperty("artifactId") == null) {
                p.setProperty("artifactId", m.group(2));
            }
            found.add(p);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        return found.stream().filter(p -> p.getProperty("artifactId").equals(stem)).findFirst().orElse(null);
    }

    private static boolean isJar(String name) {
        return name.endsWith(".jar");
    }

    private static String folder(String name) {
        return name.substring(0, name.lastIndexOf('/') + 1);
    }
}
