package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.KnownPopulation;

/** summary.json's measures hold the CSVs' figures: numbers where published, "*" where suppressed, null where they do not apply. */
class PublicationTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryMeasuresAreTheCsvFiguresTyped() throws Exception {
        ObjectNode summary = new ObjectMapper().createObjectNode();
        Publication.write(tmp, KnownPopulation.measures(), Disclosure.NHS_SDC, "2026-11-24T09:00:00Z", summary);
        JsonNode measures = summary.path("measures");
        assertEquals("suppressed", measures.path("disclosure").asText());
        JsonNode northFlagged = row(measures.path("measures-by-pcn"), "North PCN", "patients_flagged");
        assertTrue(northFlagged.path("count").isIntegralNumber());
        assertEquals(25, northFlagged.path("count").asLong());
        assertEquals(575.0, northFlagged.path("rate_per_1000").asDouble());
        JsonNode tinyFlagged = row(measures.path("measures-by-pcn"), "Tiny PCN", "patients_flagged");
        assertEquals("*", tinyFlagged.path("registered").asText());
        assertEquals("*", tinyFlagged.path("rate_per_1000").asText());
        assertTrue(row(measures.path("measures-by-pcn"), "North PCN", "registered").path("rate_per_1000").isNull());
        List<Map<String, String>> csv = PublishedCsv.read(tmp.resolve("measures-by-pcn.csv"));
        assertEquals(csv.size(), measures.path("measures-by-pcn").size());
        for (String file : List.of("measures-by-pcn.csv", "measures-by-practice.csv", "kpi-by-pcn.csv", "breakdowns.csv", "report.html")) {
            assertTrue(Files.size(tmp.resolve(file)) > 0, file);
        }
    }

    private static JsonNode row(JsonNode rows, String pcn, String measure) {
        for (JsonNode r : rows) {
            if (r.path("pcn").asText().equals(pcn) && r.path("measure").asText().equals(measure)) {
                return r;
            }
        }
        throw new AssertionError("no row " + pcn + " " + measure);
    }
}
