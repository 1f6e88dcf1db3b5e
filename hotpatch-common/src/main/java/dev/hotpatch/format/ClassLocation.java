package dev.hotpatch.format;

import java.util.List;

/**
 * Where a class of a deployed build is served from: the <em>container</em> (the class-path element a
 * class loader reads it from) and the class's internal name there. {@code BOOT-INF/lib/x.jar!/a/B.class}
 * is class {@code a/B} in container {@code BOOT-INF/lib/x.jar}; {@code BOOT-INF/classes/a/B.class} is
 * {@code a/B} in {@code BOOT-INF/classes}; {@code a/B.class} at the top of a plain jar is {@code a/B}
 * in container {@code ""} (the deployed jar itself). A class under {@code META-INF/versions/N/} has
 * release N (0 otherwise).
 */
public record ClassLocation(String container, String className, int release) {
    /** Folders of an archive that a launcher or servlet container puts on a class path of their own. */
    public static final List<String> CLASS_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");
    private static final String VERSIONS = "META-INF/versions/";

    /** The location of a {@code .class} path, or null when the path is not a class file. */
    public static ClassLocation of(String path) {
        if (!path.endsWith(".class")) {
            return null;
        }
        int nested = path.lastIndexOf(PatchManifest.SEPARATOR);
        String archive = nested < 0 ? "" : path.substring(0, nested);
        String name = nested < 0 ? path : path.substring(nested + PatchManifest.SEPARATOR.length());
        String container = archive;
        for (String root : CLASS_ROOTS) {
            if (name.startsWith(root)) {
                String folder = root.substring(0, root.length() - 1);
                container = archive.isEmpty() ? folder : archive + PatchManifest.SEPARATOR + folder;
                name = name.substring(root.length());
                break;
            }
        }
        int release = 0;
        if (name.startsWith(VERSIONS)) {
            int slash = name.indexOf('/', VERSIONS.length());
            if (slash > 0) {
                try {
                    release = Integer.parseInt(name.substring(VERSIONS.length(), slash));
                    name = name.substring(slash + 1);
                } catch (NumberFormatException e) {
                    return new ClassLocation(container, name.substring(0, name.length() - 6), 0);
                }
            }
        }
        return new ClassLocation(container, name.substring(0, name.length() - ".class".length()), release);
    }

    /** {@code com/acme/A} → {@code com.acme.A}. */
    public String binaryName() {
        return className.replace('/', '.');
    }
}
