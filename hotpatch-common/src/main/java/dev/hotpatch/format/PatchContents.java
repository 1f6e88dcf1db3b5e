package dev.hotpatch.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A patch archive read into memory and checked: it holds {@code hotpatch.json} and exactly one content
 * entry per added or modified path, and every content entry hashes to its manifest value. What a
 * process that applies patches (the agent, a dry run) works from.
 *
 * @param manifest the manifest
 * @param content  the new content by change path
 */
public record PatchContents(PatchManifest manifest, Map<String, byte[]> content) {
    public PatchContents {
        content = Map.copyOf(content);
    }

    /**
     * @throws IllegalArgumentException with one sentence on what is wrong, for anything but a valid patch
     */
    public static PatchContents read(byte[] archive) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (entries.put(e.getName(), zip.readAllBytes()) != null) {
                    throw new IllegalArgumentException("it holds " + e.getName() + " twice");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not a readable zip archive (" + e.getMessage() + ")");
        }
        byte[] json = entries.remove(PatchManifest.NAME);
        if (json == null) {
            throw new IllegalArgumentException("it has no " + PatchManifest.NAME);
        }
        PatchManifest manifest = PatchManifest.parse(json);
        Map<String, byte[]> content = new HashMap<>();
        for (PatchManifest.Entry e : manifest.changes()) {
            if (e.contentName() == null) {
                continue;
            }
            byte[] bytes = entries.remove(e.contentName());
            if (bytes == null) {
                throw new IllegalArgumentException("it lacks the content of " + e.path());
            }
            String actual = Sha256.of(bytes);
            if (!actual.equals(e.newSha256())) {
                throw new IllegalArgumentException("the content of " + e.path() + " hashes to " + actual
                        + ", not to " + e.newSha256() + " as its manifest says");
            }
            content.put(e.path(), bytes);
        }
        if (!entries.isEmpty()) {
            throw new IllegalArgumentException("it holds entries its manifest does not list, e.g. "
                    + entries.keySet().iterator().next());
        }
        return new PatchContents(manifest, content);
    }
}
