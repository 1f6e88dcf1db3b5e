package dev.hotpatch.maven;

import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.HotpatchListener;
import org.apache.maven.plugin.logging.Log;

/** Maps the core's events onto Maven's log. */
final class MavenLogListener implements HotpatchListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void onEvent(HotpatchEvent event) {
        switch (event.level()) {
            case DEBUG -> log.debug(event.message());
            case INFO, PROGRESS -> log.info(event.message());
            case WARN -> log.warn(event.message());
        }
    }
}
