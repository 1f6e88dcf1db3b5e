package dev.hotpatch.fleet;

import dev.hotpatch.format.PatchContents;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A patch as the repository serves it to the agents: fetched from the repository's base URL at
 * {@link PatchCoordinates#repositoryPath()}, checked against the hash a rollout will name, and
 * the SHA-256 of the deployed build it was made for, read from its {@code hotpatch.json}.
 */
public record PublishedPatch(PatchCoordinates coordinates, String hash, String baselineSha256, long size) {
    /**
     * Downloads the patch the way an agent would.
     *
     * @param authorization an {@code Authorization} header value, or null
     * @throws FleetException when it is not there, is another archive, is no valid patch or needs a restart
     */
    public static PublishedPatch fetch(URI repository, PatchCoordinates coordinates, String hash, String authorization)
            throws IOException, InterruptedException {
        URI base = repository.toString().endsWith("/") ? repository : URI.create(repository + "/");
        URI url = base.resolve(coordinates.repositoryPath());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            throw new FleetException("patch " + coordinates + " is not in the repository: " + url
                    + " answered 404. Publish it first (hotpatch:diff with a repository), then roll it out.");
        }
        if (response.statusCode() != 200) {
            throw new FleetException("patch " + coordinates + " cannot be checked: " + url + " answered HTTP "
                    + response.statusCode() + (response.statusCode() == 401 || response.statusCode() == 403
                            ? ". Give the repository's credentials." : "."));
        }
        byte[] archive = response.body();
        String actual = Sha256.of(archive);
        if (!actual.equals(hash)) {
            throw new FleetException("patch " + coordinates + " at " + url + " has SHA-256 " + actual + ", not " + hash
                    + ": the hash does not name the published patch; use the hash hotpatch:diff handed back.");
        }
        PatchManifest manifest;
        try {
            manifest = PatchContents.read(archive).manifest();
        } catch (IllegalArgumentException e) {
            throw new FleetException("patch " + coordinates + " at " + url + " is not a valid patch: " + e.getMessage());
        }
        if (!manifest.hotSwappable()) {
            throw new FleetException("patch " + coordinates + " at " + url + " needs a restart (verdict "
                    + manifest.verdict() + "); agents refuse it, so it is not rolled out: deploy the branch build"
                    + " with a restart instead.");
        }
        if (manifest.baselineSha256() == null) {
            throw new FleetException("patch " + coordinates + " at " + url + " names no baseline SHA-256 in its "
                    + PatchManifest.NAME + ", so no host could be targeted by its deployed build.");
        }
        return new PublishedPatch(coordinates, hash, manifest.baselineSha256(), archive.length);
    }
}
