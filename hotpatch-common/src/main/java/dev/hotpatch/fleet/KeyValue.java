package dev.hotpatch.fleet;

/**
 * One key in etcd with its value (UTF-8) and the revisions etcd keeps for it.
 *
 * @param createRevision the store revision at which the key was created (it stays when the value changes)
 * @param modRevision    the store revision of the last change
 * @param lease          the lease the key is attached to, 0 for none
 */
public record KeyValue(String key, String value, long createRevision, long modRevision, long lease) {
}
