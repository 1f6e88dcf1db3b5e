package dev.hotpatch.core.patch;

import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.format.ClassLocation;
import dev.hotpatch.format.PatchManifest;

/** A change and its verdict as one entry of the patch manifest and its apply plan. */
public final class PatchPlan {
    private PatchPlan() {
    }

    /** @param verdict the change's verdict, or null when the change was not assessed */
    public static PatchManifest.Entry entry(Change change, ChangeVerdict verdict) {
        long size = change.kind() == ChangeKind.REMOVED ? change.oldSize() : change.newSize();
        ClassLocation location = verdict == null ? ClassLocation.of(change.path().toString()) : verdict.location();
        return new PatchManifest.Entry(change.path().toString(), change.kind(),
                verdict == null ? null : verdict.action(),
                location == null ? null : location.container(), location == null ? null : location.className(),
                verdict == null ? null : verdict.after(), change.oldSha256(), change.newSha256(), size,
                change.nestedEntries(), verdict == null ? null : verdict.verdict().name());
    }
}
