package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * The service examples in docs/api.md, run as written: each {@code --data @$F/<file> ... localhost:8080<path>}
 * example followed by a {@code # cards: <codes>} comment must answer with exactly those recommendation codes.
 */
class DocumentedExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "--data @\\$F/(\\S+)\\s*\\\\?\\s*\\n\\s*'?localhost:8080(/cds-services/[^\\s']+)'?\\s*# cards: ([^\\n]*)");
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    @Test
    void everyDocumentedServiceExampleGivesTheCardsItPromises() throws Exception {
        String doc = Files.readString(TestServer.rules().resolveSibling("docs").resolve("api.md"));
        Matcher m = EXAMPLE.matcher(doc);
        List<String> hooks = new ArrayList<>();
        while (m.find()) {
            String body = CdsHooksRequests.fixture(m.group(1));
            HttpResponse<String> r = server.post(m.group(2), body);
            assertEquals(200, r.statusCode(), m.group(0) + "\n" + r.body());
            List<String> codes = new ArrayList<>();
            for (JsonNode card : TestServer.json(r).path("cards")) {
                codes.add(card.path("source").path("topic").path("code").asText());
            }
            String promised = m.group(3).trim();
            assertEquals(promised.equals("none") ? List.of() : List.of(promised.split(",\\s*")), codes.stream().sorted().toList(), m.group(0));
            if (!codes.isEmpty()) {
                hooks.add(new ObjectMapper().readTree(body).path("hook").asText());
            }
        }
        assertTrue(hooks.contains("encounter-discharge") && hooks.contains("order-sign") && hooks.contains("patient-view"),
                "docs/api.md shows a card-producing example for each hook: " + hooks);
    }
}
