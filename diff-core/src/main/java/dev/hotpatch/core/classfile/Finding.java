package dev.hotpatch.core.classfile;

import java.util.Objects;

/** One reason behind a verdict: a code from the catalogue and a sentence naming the member and its cause. */
public record Finding(SwapReason code, String message) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public SwapReason.Severity severity() {
        return code.severity();
    }
}
