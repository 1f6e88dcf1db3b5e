package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.PatchManifest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Normalizes entry names and checks them: sorted, unique, and never escaping their archive. */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * The name as the diff uses it: {@code ./} prefixes removed. Rejects names that would escape the
     * archive if extracted: {@code ..} segments (and {@code ..!}, which a patch manifest could not
     * name), absolute paths, drive letters and backslashes.
     */
    static String normalize(String raw, String archiveLocation) {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        boolean unsafe = name.startsWith("/")
                || name.indexOf('\\') >= 0
                || (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)))
                || name.indexOf('\0') >= 0
                || PatchManifest.hasParentSegment(name);
        if (name.isEmpty()) {
            // found by the fuzzer: an empty name broke EntryPath with an IllegalArgumentException
            throw new HotpatchException(ReasonCode.INVALID_ENTRY_NAME, archiveLocation + EntryPath.SEPARATOR + raw,
                    "An entry has an empty name ('" + raw + "'), so it cannot be addressed. Rebuild the artifact"
                            + " without it.");
        }
        if (unsafe) {
            throw new HotpatchException(ReasonCode.UNSAFE_ENTRY_NAME, archiveLocation + EntryPath.SEPARATOR + raw,
                    "The entry name '" + raw + "' points outside its archive (absolute path, '..', drive letter"
                            + " or backslash); such an archive cannot be patched safely. Rebuild the artifact"
                            + " with plain relative names.");
        }
        return name;
    }

    /**
     * Fails on a name whose bytes are not valid UTF-8 (unless a Unicode path field gives the real
     * name): decoding would replace the bad bytes, so two different entries could look alike, and
     * the JVM refuses to open such a jar anyway.
     */
    static void requireUtf8(byte[] raw, boolean unicodePathField, String decoded, String archiveLocation) {
        if (unicodePathField || ascii(raw)) {
            return; // plain ASCII, the common case, is valid UTF-8 without a decoder
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
        } catch (CharacterCodingException e) {
            throw new HotpatchException(ReasonCode.INVALID_ENTRY_NAME, archiveLocation + EntryPath.SEPARATOR + decoded,
                    "The entry name is not valid UTF-8 (shown here with the bad bytes replaced), so it cannot be"
                            + " told apart from similar names and the JVM would refuse the jar. Rebuild the"
                            + " artifact with UTF-8 entry names.");
        }
    }

    static HotpatchException tooMany(long entries, String archiveLocation, ReadLimits limits) {
        return new HotpatchException(ReasonCode.TOO_MANY_ENTRIES, archiveLocation,
                "The archive has " + entries + " entries, more than the limit of " + limits.maxEntries() + ".");
    }

    private static boolean ascii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Sorts by name and fails on a name that occurs twice or on more entries than allowed. */
    static List<ArchiveEntry> sortedUnique(List<ArchiveEntry> entries, String archiveLocation, ReadLimits limits) {
        if (entries.size() > limits.maxEntries()) {
            throw tooMany(entries.size(), archiveLocation, limits);
        }
        List<ArchiveEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ArchiveEntry.BY_NAME);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new HotpatchException(ReasonCode.DUPLICATE_ENTRY,
                        archiveLocation + EntryPath.SEPARATOR + sorted.get(i).name(),
                        "The archive holds two entries named '" + sorted.get(i).name() + "'; which one a JVM"
                                + " loads is undefined, so it cannot be patched. Rebuild it without duplicates.");
            }
        }
        return List.copyOf(sorted);
    }
}
