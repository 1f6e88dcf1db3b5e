package dev.hotpatch.fleet;

import dev.hotpatch.format.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to one JSON object's fields, failing with one line that names the document and the field. */
final class JsonFields {
    private final String where;
    private final String path;
    private final Map<String, Object> fields;

    private JsonFields(String where, String path, Map<String, Object> fields) {
        this.where = where;
        this.path = path;
        this.fields = fields;
    }

    static JsonFields parse(String where, String json) {
        Object value;
        try {
            value = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new FleetException(where + ": " + e.getMessage());
        }
        return new JsonFields(where, "", asObject(where, "the document", value));
    }

    /** Fails on a field not in {@code known}: a misspelt field must not be ignored silently. */
    JsonFields only(String... known) {
        Set<String> unknown = new TreeSet<>(fields.keySet());
        unknown.removeAll(Set.of(known));
        if (!unknown.isEmpty()) {
            throw fail(unknown.iterator().next(), "is not a known field (known: " + String.join(", ", known) + ")");
        }
        return this;
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    Set<String> names() {
        return fields.keySet();
    }

    String string(String name) {
        if (!(fields.get(name) instanceof String s) || s.isBlank()) {
            throw fail(name, fields.containsKey(name) ? "must be a non-empty string" : "is missing");
        }
        return s;
    }

    /** A string that may be empty; "" when absent or null. */
    String text(String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw fail(name, "must be a string");
        }
        return value == null ? "" : (String) value;
    }

    String optionalString(String name) {
        return has(name) ? string(name) : null;
    }

    long integer(String name) {
        Object value = fields.get(name);
        if (!(value instanceof Long n)) {
            throw fail(name, value == null ? "is missing" : "must be a whole number, not " + Json.write(value).strip());
        }
        return n;
    }

    JsonFields object(String name) {
        if (!has(name)) {
            throw fail(name, "is missing");
        }
        return new JsonFields(where, name(name), asObject(where, name(name), fields.get(name)));
    }

    List<String> strings(String name) {
        if (!(fields.get(name) instanceof List<?> list) || list.isEmpty()) {
            throw fail(name, "must be a non-empty list of strings");
        }
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw fail(name, "must hold only non-empty strings, not " + Json.write(item).strip());
            }
        }
        return list.stream().map(String.class::cast).toList();
    }

    boolean bool(String name) {
        if (!(fields.get(name) instanceof Boolean b)) {
            throw fail(name, fields.containsKey(name) ? "must be true or false" : "is missing");
        }
        return b;
    }

    /** A failure of this object's field {@code field} (named with its path from the document's root). */
    FleetException fail(String field, String problem) {
        return new FleetException(where + ": " + name(field) + " " + problem);
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(String where, String what, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new FleetException(where + ": " + what + " must be a JSON object");
    }
}
