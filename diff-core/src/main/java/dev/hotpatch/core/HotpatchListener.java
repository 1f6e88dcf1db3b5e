package dev.hotpatch.core;

/** Receives the core's events. The core has no logger of its own. */
@FunctionalInterface
public interface HotpatchListener {
    HotpatchListener NONE = new HotpatchListener() {
        @Override
        public void onEvent(HotpatchEvent event) {
        }
    };

    void onEvent(HotpatchEvent event);
}
