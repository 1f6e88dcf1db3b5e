package dev.hotpatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON layout hotpatch writes, and reading it back into the same tree. */
class JsonTest {

    @Test
    void writesTwoSpaceIndentedJsonWithAFinalNewline() {
        ObjectNode root = Json.object();
        root.put("name", "caf\u00e9 \"x\"");
        root.put("size", 3_000_000_000L);
        root.putNull("verdict");
        root.putArray("changes").addObject().put("kind", "ADDED").put("count", 2);
        root.putArray("none");

        assertThat(new String(Json.write(root), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "name": "caf\u00e9 \\"x\\"",
                  "size": 3000000000,
                  "verdict": null,
                  "changes": [
                    {
                      "kind": "ADDED",
                      "count": 2
                    }
                  ],
                  "none": [ ]
                }
                """);
    }

    @Test
    void readsBackTheTreeItWrote() throws IOException {
        ObjectNode root = Json.object();
        root.put("flag", true).put("ratio", 0.5).put("n", -7).put("big", Long.MAX_VALUE);
        root.putArray("list").add("a").addNull().addObject().put("k", "v");

        JsonNode read = Json.read(Json.write(root));

        assertThat(read).isEqualTo(root);
        assertThat(read.get("big").isLong()).isTrue();
    }

    @Test
    void anEmptyDocumentIsMissingAndATruncatedOneFails() throws IOException {
        assertThat(Json.read(new byte[0]).isMissingNode()).isTrue();
        assertThatThrownBy(() -> Json.read("{\"changes\": [1, 2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
