package dev.hotpatch.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary working files of a run: created under the system temp directory, removed at the end. */
public final class ScratchFiles {
    private ScratchFiles() {
    }

    /** Deletes a directory tree, best effort: what cannot be deleted is left to the OS's temp cleaner. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, see above
        }
    }
}
