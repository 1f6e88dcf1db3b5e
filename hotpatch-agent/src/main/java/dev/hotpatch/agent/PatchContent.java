package dev.hotpatch.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A downloaded patch archive, checked: its {@code hotpatch.json} is in the {@code hotpatch-patch/1}
 * format and every entry hashes to what the manifest says.
 *
 * @param baselineSha256 the SHA-256 of the deployed artifact the patch applies to
 * @param verdict        {@code HOT_SWAPPABLE}, {@code RESTART_REQUIRED}, ... or null when not assessed
 * @param classes        the class changes, by internal class name
 */
record PatchContent(String baselineSha256, String verdict, Map<String, ClassChange> classes) {
    static final String FORMAT = dev.hotpatch.format.PatchManifest.FORMAT;
    static final List<String> CLASS_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    /**
     * One changed class.
     *
     * @param path     its {@code !/} path in the deployed artifact
     * @param newBytes the new class file, or null when the class was removed
     * @param added    whether the deployed artifact has no such class
     */
    record ClassChange(String path, byte[] newBytes, boolean added) { }

    @SuppressWarnings("unchecked")
    static PatchContent read(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] json = entries.get("hotpatch.json");
        if (json == null) {
            throw new IOException("the archive has no hotpatch.json");
        }
        Map<String, Object> manifest = (Map<String, Object>) dev.hotpatch.format.Json.parse(new String(json, StandardCharsets.UTF_8));
        if (!FORMAT.equals(manifest.get("format"))) {
            throw new IOException("hotpatch.json is not in the " + FORMAT + " format");
        }
        Map<String, Object> baseline = (Map<String, Object>) manifest.get("baseline");
        String baselineSha = baseline == null ? null : (String) baseline.get("sha256");
        Map<String, ClassChange> classes = new LinkedHashMap<>();
        for (Object item : (List<Object>) manifest.get("changes")) {
            Map<String, Object> change = (Map<String, Object>) item;
            String path = (String) change.get("path");
            String kind = (String) change.get("kind");
            String className = className(path);
            if (className == null) {
                continue; // resources, libraries and indexes are not the agent's business
            }
            byte[] bytes = null;
            if (!"REMOVED".equals(kind)) {
                bytes = entries.get((String) change.get("entry"));
                if (bytes == null || !sha256(bytes).equals(change.get("newSha256"))) {
                    throw new IOException("the content of " + path + " does not match its SHA-256 in hotpatch.json");
                }
            }
            classes.put(className, new ClassChange(path, bytes, "ADDED".equals(kind)));
        }
        return new PatchContent(baselineSha, (String) manifest.get("verdict"), classes);
    }

    /** {@code BOOT-INF/lib/x.jar!/com/acme/A.class} and {@code BOOT-INF/classes/com/acme/A.class} → {@code com/acme/A}. */
    static String className(String path) {
        if (!path.endsWith(".class")) {
            return null;
        }
        int nested = path.lastIndexOf("!/");
        String name = nested < 0 ? path : path.substring(nested + 2);
        if (nested < 0) {
            for (String root : CLASS_ROOTS) {
                if (name.startsWith(root)) {
                    name = name.substring(root.length());
                }
            }
        }
        if (name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
            return null;
        }
        return name.substring(0, name.length() - ".class".length());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
