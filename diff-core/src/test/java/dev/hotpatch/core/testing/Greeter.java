package dev.hotpatch.core.testing;

import java.util.Map;

/**
 * The class most tests patch: version 1 is deployed, version 2 is the branch with a one-line fix
 * (a missing comma). Both are compiled from source by the running JDK.
 */
public final class Greeter {
    public static final String ENTRY = "com/acme/Greeter.class";

    private static final String SOURCE = """
            package com.acme;

            public class Greeter {
                public String greet(String name) {
                    return %s;
                }
            }
            """;

    private Greeter() {
    }

    public static byte[] deployed() {
        return compile("\"Hello \" + name");
    }

    public static byte[] fixed() {
        return compile("\"Hello, \" + name");
    }

    private static byte[] compile(String expression) {
        Map<String, byte[]> classes = JavaSources.compile("com.acme.Greeter", SOURCE.formatted(expression));
        return classes.get(ENTRY);
    }
}
