package dev.hotpatch.format;

/**
 * Where a patch lives in a Maven repository, so that a hash maps to exactly one artifact:
 * {@code <baseline groupId>:<baseline artifactId>-hotpatch:<baseline version>-<hash12>}, extension
 * {@code jar}, no classifier. The plugin publishes there and the agent downloads from there.
 */
public record PatchCoordinates(String groupId, String artifactId, String version) {
    public static final int SHORT_HASH = 12;
    public static final String ARTIFACT_SUFFIX = "-hotpatch";
    public static final String EXTENSION = "jar";

    /** The coordinates of the patch with this hash for a baseline with these coordinates. */
    public static PatchCoordinates of(String baselineGroupId, String baselineArtifactId, String baselineVersion,
            String hash) {
        return new PatchCoordinates(baselineGroupId, baselineArtifactId + ARTIFACT_SUFFIX,
                baselineVersion + "-" + shortHash(hash));
    }

    /** The first twelve hex digits of a SHA-256, as versions and log lines show it. */
    public static String shortHash(String hash) {
        return hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH);
    }

    /** The file's path relative to the repository's base URL: the Maven repository layout. */
    public String repositoryPath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + "."
                + EXTENSION;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + EXTENSION + ":" + version;
    }
}
