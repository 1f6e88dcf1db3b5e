package dev.hotpatch.core.archive;

/** The kinds of artifact the reader understands. */
public enum ArchiveFormat {
    ZIP, TAR, TAR_GZ, TAR_BZ2, TAR_XZ, DIRECTORY, PATCHED
}
