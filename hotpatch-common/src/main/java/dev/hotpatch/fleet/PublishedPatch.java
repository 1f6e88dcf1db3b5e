package dev.hotpatch.fleet;

import dev.hotpatch.format.MiniJson;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A patch as the repository serves it to the agents: fetched from the repository's base URL at
 * {@link PatchCoordinates#repositoryPath()}, checked against the hash a rollout will name, and
 * the SHA-256 of the deployed build it was made for, read from its {@code hotpatch.json}.
 */
public record PublishedPatch(PatchCoordinates coordinates, String hash, String baselineSha256, long size) {
    private static final String MANIFEST = "hotpatch.json";

    /**
     * Downloads the patch the way an agent would.
     *
     * @param authorization an {@code Authorization} header value, or null
     * @throws FleetException when it is not there, is another archive, or is no patch
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
        return new PublishedPatch(coordinates, hash, baselineSha256(url + "!/" + MANIFEST, archive), archive.length);
    }

    /** {@code baseline.sha256} of the archive's manifest. */
    static String baselineSha256(String where, byte[] archive) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST)) {
                    Object json;
                    try {
                        json = MiniJson.parse(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException bad) {
                        throw new FleetException(where + ": " + bad.getMessage());
                    }
                    if (json instanceof Map<?, ?> manifest && manifest.get("baseline") instanceof Map<?, ?> baseline
                            && baseline.get("sha256") instanceof String sha && PatchRef.SHA256.matcher(sha).matches()) {
                        return sha;
                    }
                    throw new FleetException(where + ": no baseline.sha256 of 64 hex digits");
                }
            }
        }
        throw new FleetException(where + " is missing: the archive is not a hotpatch patch");
    }
}
