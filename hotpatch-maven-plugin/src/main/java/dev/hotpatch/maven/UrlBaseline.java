package dev.hotpatch.maven;

import dev.hotpatch.core.ScratchFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * A build named by URL: {@code file:} is read in place, {@code http(s)://} is downloaded to a
 * temporary file, with the credentials of the settings.xml {@code <server>} given as
 * {@code hotpatch.baselineServerId} (taken through the session's authentication selector, so
 * encrypted passwords work).
 */
final class UrlBaseline {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_REDIRECTS = 5;

    private final RepositorySystemSession session;
    private final String serverId;

    UrlBaseline(RepositorySystemSession session, String serverId) {
        this.session = session;
        this.serverId = serverId;
    }

    static boolean isUrl(String what) {
        String lower = what.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:");
    }

    /** The local file: the file itself for {@code file:}, a new temporary file for HTTP. */
    Path fetch(String url, String parameter) throws MojoFailureException {
        URI uri = URI.create(url);
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path file = Path.of(uri);
            if (!Files.isRegularFile(file)) {
                throw new MojoFailureException(parameter + " " + url + " does not exist: no file " + file
                        + ". hotpatch never diffs against a missing build.");
            }
            return file;
        }
        String credentials = credentials(url, parameter);
        Path file = null;
        boolean downloaded = false;
        try {
            file = Files.createTempFile("hotpatch-baseline-", fileName(uri));
            int status = download(uri, credentials, file);
            if (status != 200) {
                throw new MojoFailureException(parameter + " " + url + " cannot be downloaded: HTTP " + status + ". "
                        + (status == 401 || status == 403
                                ? (credentials == null ? "Set -Dhotpatch.baselineServerId to the settings.xml <server>"
                                        + " holding its credentials." : "Check the credentials of the <server> '"
                                        + serverId + "' in settings.xml (hotpatch.baselineServerId).")
                                : status == 404 ? "hotpatch never diffs against a missing build." : "Try again later."));
            }
            downloaded = true;
            return file;
        } catch (IOException e) {
            throw new MojoFailureException(parameter + " " + url + " cannot be downloaded: " + e + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("Interrupted while downloading " + url, e);
        } finally {
            if (file != null && !downloaded) {
                ScratchFiles.deleteTree(file);
            }
        }
    }

    /**
     * GETs the URL into the file and returns the final status. Redirects are followed by hand so
     * that the credentials go only to the URL's own scheme, host and port, and never from HTTPS to HTTP.
     */
    private static int download(URI uri, String credentials, Path file) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(TIMEOUT).GET();
            if (credentials != null && sameOrigin(uri, current)) {
                request.header("Authorization", "Basic " + credentials);
            }
            HttpResponse<Path> response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty() || redirects == MAX_REDIRECTS) {
                return status;
            }
            URI next = current.resolve(location.get());
            if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                return status;
            }
            current = next;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    /** Basic credentials of the configured server, base64-encoded, or null without a server id. */
    private String credentials(String url, String parameter) throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        RemoteRepository server = new RemoteRepository.Builder(serverId, "default", url).build();
        RemoteRepository withAuth = new RemoteRepository.Builder(server)
                .setAuthentication(session.getAuthenticationSelector().getAuthentication(server)).build();
        try (AuthenticationContext auth = AuthenticationContext.forRepository(session, withAuth)) {
            if (auth == null || auth.get(AuthenticationContext.USERNAME) == null) {
                throw new MojoFailureException("hotpatch.baselineServerId '" + serverId + "' names no <server> with a"
                        + " username in settings.xml, so " + parameter + " " + url + " cannot be downloaded with"
                        + " credentials. Add the <server> or drop hotpatch.baselineServerId.");
            }
            String pair = auth.get(AuthenticationContext.USERNAME) + ":"
                    + (auth.get(AuthenticationContext.PASSWORD) == null ? "" : auth.get(AuthenticationContext.PASSWORD));
            return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return "-" + (name.isEmpty() ? "baseline" : name);
    }
}
