package dev.hotpatch.core.archive;

import java.io.Closeable;
import java.util.List;

/** An opened archive or directory: a location for messages and its file entries, sorted by name. */
public interface Archive extends Closeable {

    /** Where this archive is, for messages: a file path, plus {@code !/name} per nesting level. */
    String location();

    /** The path of this archive inside the root artifact ({@link EntryPath#ROOT} for the root). */
    EntryPath path();

    ArchiveFormat format();

    /** Where one of this archive's entries is, for messages. */
    default String locationOf(String entryName) {
        return location() + EntryPath.SEPARATOR + entryName;
    }

    /** File entries sorted by {@link String#compareTo name}; directories are left out. */
    List<ArchiveEntry> entries();

    /** Closes what this archive opened; nested archives are closed by whoever opened them. */
    @Override
    void close();
}
