package dev.hotpatch.core.report;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;

/**
 * Why a run failed, as the report of a failed run states it.
 *
 * @param message  the sentence explaining the failure
 * @param location the file or {@code !/} path it concerns, or null
 */
public record Failure(ReasonCode reason, String message, String location) {
    public static Failure of(HotpatchException e) {
        return new Failure(e.reason(), e.detail(), e.location());
    }
}
