package dev.hotpatch.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object being built for a report: fields in the order they are put, values a
 * {@code String}, a number, a {@code Boolean}, {@code null} or a nested object or array. The tree is
 * plain maps and lists, written by {@link dev.hotpatch.format.Json}, the one JSON writer of the
 * project.
 */
final class JsonObject {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonObject put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    JsonObject putObject(String name) {
        JsonObject child = new JsonObject();
        fields.put(name, child.fields);
        return child;
    }

    Array putArray(String name) {
        Array child = new Array();
        fields.put(name, child.items);
        return child;
    }

    Map<String, Object> tree() {
        return fields;
    }

    /** A JSON array being built. */
    static final class Array {
        private final List<Object> items = new ArrayList<>();

        Array add(Object value) {
            items.add(value);
            return this;
        }

        JsonObject addObject() {
            JsonObject child = new JsonObject();
            items.add(child.fields);
            return child;
        }
    }
}
