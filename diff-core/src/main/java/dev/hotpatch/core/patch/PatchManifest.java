package dev.hotpatch.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.Json;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hotpatch.json}, the first entry of every patch archive: which build the patch applies to
 * and every change it makes. See {@code docs/patch-format.md}.
 *
 * @param baselineSha256 SHA-256 of the deployed artifact the patch applies to
 * @param baselineRoot   top folder of the baseline that paths are relative to ("" for none)
 * @param targetRoot     top folder of the target the paths were compared with ("" for none)
 * @param verdict        the overall hot-swap verdict, or {@code null} when not assessed
 */
public record PatchManifest(String baselineSha256, String baselineRoot, String targetRoot, String verdict,
        List<Entry> changes) {
    public static final String FORMAT = "hotpatch-patch/1";
    public static final String NAME = "hotpatch.json";
    public static final String CONTENT_PREFIX = "entries/";

    public PatchManifest {
        changes = List.copyOf(changes);
    }

    /**
     * One change. {@code size} is the new content's size (the old one's for a removal);
     * {@code archiveEntries} is the entry count of an archive added or removed whole, else -1.
     */
    public record Entry(EntryPath path, ChangeKind kind, String oldSha256, String newSha256, long size,
            int archiveEntries, String verdict) {

        public static Entry of(Change change, String verdict) {
            long size = change.kind() == ChangeKind.REMOVED ? change.oldSize() : change.newSize();
            return new Entry(change.path(), change.kind(), change.oldSha256(), change.newSha256(), size,
                    change.nestedEntries(), verdict);
        }

        /** The name of the patch entry that holds the new content, or {@code null} for a removal. */
        public String contentName() {
            return kind == ChangeKind.REMOVED ? null : CONTENT_PREFIX + path;
        }
    }

    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        ObjectNode baseline = root.putObject("baseline");
        if (baselineSha256 != null) {
            baseline.put("sha256", baselineSha256);
        }
        baseline.put("root", baselineRoot);
        root.putObject("target").put("root", targetRoot);
        if (verdict != null) {
            root.put("verdict", verdict);
        }
        ArrayNode list = root.putArray("changes");
        for (Entry e : changes) {
            ObjectNode node = list.addObject();
            node.put("path", e.path().toString());
            node.put("kind", e.kind().name());
            node.put("container", e.path().parent().toString());
            if (e.oldSha256() != null) {
                node.put("oldSha256", e.oldSha256());
            }
            if (e.newSha256() != null) {
                node.put("newSha256", e.newSha256());
            }
            node.put("size", e.size());
            if (e.archiveEntries() >= 0) {
                node.put("archiveEntries", e.archiveEntries());
            }
            if (e.verdict() != null) {
                node.put("verdict", e.verdict());
            }
            if (e.contentName() != null) {
                node.put("entry", e.contentName());
            }
        }
        return Json.write(root);
    }

    public static PatchManifest parse(byte[] json, String location) {
        try {
            JsonNode root = Json.read(json);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw invalid(location, "its format is '" + root.path("format").asText() + "', expected " + FORMAT);
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonNode n : root.path("changes")) {
                ChangeKind kind = ChangeKind.valueOf(n.path("kind").asText());
                entries.add(new Entry(EntryPath.parse(n.path("path").asText()), kind, text(n, "oldSha256"),
                        text(n, "newSha256"), n.path("size").asLong(-1), n.path("archiveEntries").asInt(-1),
                        text(n, "verdict")));
            }
            return new PatchManifest(text(root.path("baseline"), "sha256"),
                    root.path("baseline").path("root").asText(""), root.path("target").path("root").asText(""),
                    text(root, "verdict"), entries);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(location, "its " + NAME + " cannot be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static HotpatchException invalid(String location, String why) {
        return new HotpatchException(ReasonCode.INVALID_PATCH, location,
                "This is not a valid hotpatch archive: " + why + ".");
    }
}
