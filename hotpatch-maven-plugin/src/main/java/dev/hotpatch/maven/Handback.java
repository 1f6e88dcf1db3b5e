package dev.hotpatch.maven;

import dev.hotpatch.format.PatchCoordinates;

import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.report.Report;
import java.nio.file.Path;

/**
 * What a run hands back to the developer and the CI server.
 *
 * @param hash        the patch's full SHA-256, empty when there is no patch
 * @param verdict     the hot-swap verdict's name
 * @param coordinates where the patch is published, empty when it was not
 * @param publication what publishing did: "published", "already published" or "not published"
 */
record Handback(String hash, String verdict, String coordinates, String publication, Path reportFile,
        Path summaryFile) {

    /** @param publication what publishing did, null when the patch was not published */
    static Handback of(DiffResult result, Publisher.Publication publication) {
        String outcome = publication == null ? "not published"
                : publication.outcome() == Publisher.Outcome.PUBLISHED ? "published" : "already published";
        return new Handback(result.patch().isPresent() ? result.patch().get().sha256() : "", verdictOf(result.report()),
                publication == null ? "" : publication.coordinates().toString(), outcome, result.reportFile(),
                result.summaryFile());
    }

    /** The hot-swap verdict's name: NO_CHANGES, HOT_SWAPPABLE or RESTART_REQUIRED. */
    static String verdictOf(Report report) {
        return report.assessment().verdict().name();
    }

    String shortHash() {
        return PatchCoordinates.shortHash(hash);
    }
}
