package dev.hotpatch.core;

/** Receives the core's events. The core has no logger of its own. */
@FunctionalInterface
public interface HotpatchListener {
    HotpatchListener NONE = event -> { };

    void onEvent(HotpatchEvent event);
}
