package dev.hotpatch.core.classfile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The {@link SwapCase} catalogue for tests in other modules (the agent's), as plain data. */
public final class SwapCases {
    private SwapCases() {
    }

    /** One source change to class {@code p.C}, the classes both versions compile against, and javac options of each. */
    public record Case(String name, String oldSource, String newSource, Map<String, String> support,
            List<String> oldOptions, List<String> newOptions) { }

    public static List<Case> all() {
        return Arrays.stream(SwapCase.values())
                .map(c -> new Case(c.name(), c.oldSource, c.newSource, c.support(), c.oldOptions, c.newOptions))
                .toList();
    }
}
