package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON layout of the reports, and an independent parser reading back what was built. */
class JsonObjectTest {

    @Test
    void writesTwoSpaceIndentedJsonWithAFinalNewline() {
        JsonObject root = new JsonObject();
        root.put("name", "caf\u00e9 \"x\"\u0001");
        root.put("size", 3_000_000_000L);
        root.put("verdict", null);
        root.putArray("changes").addObject().put("kind", "ADDED").put("count", 2);
        root.putArray("none");
        root.putObject("empty");

        assertThat(dev.hotpatch.format.Json.write(root.tree())).isEqualTo("""
                {
                  "name": "caf\u00e9 \\"x\\"\\u0001",
                  "size": 3000000000,
                  "verdict": null,
                  "changes": [
                    {
                      "kind": "ADDED",
                      "count": 2
                    }
                  ],
                  "none": [],
                  "empty": {}
                }
                """);
    }

    @Test
    void anotherParserReadsBackWhatWasBuilt() throws IOException {
        JsonObject root = new JsonObject();
        root.put("flag", true).put("n", -7).put("big", Long.MAX_VALUE).put("text", "tab\there\nline \\ \u2028");
        root.putArray("list").add("a").add(null).addObject().put("k", "v");

        JsonNode read = Json.read(dev.hotpatch.format.Json.write(root.tree()).getBytes(StandardCharsets.UTF_8));

        assertThat(read.get("flag").booleanValue()).isTrue();
        assertThat(read.get("n").intValue()).isEqualTo(-7);
        assertThat(read.get("big").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(read.get("text").textValue()).isEqualTo("tab\there\nline \\ \u2028");
        assertThat(read.get("list")).hasSize(3);
        assertThat(read.get("list").get(1).isNull()).isTrue();
        assertThat(read.get("list").get(2).get("k").textValue()).isEqualTo("v");
    }
}
