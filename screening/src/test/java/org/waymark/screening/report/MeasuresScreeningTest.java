package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.screening.measures.Disclosure;

/**
 * End to end: a generated population over 8 PCNs screened by the real run publishes measures that agree with the run's
 * own totals and cohort, suppressed by default and exact (and marked so) only when asked.
 */
class MeasuresScreeningTest {
    private static final List<String> FILES = List.of("measures-by-pcn.csv", "measures-by-practice.csv", "kpi-by-pcn.csv", "breakdowns.csv");
    private static final Set<String> COUNT_COLUMNS = Set.of("count", "registered", "instances", "met", "breached", "open");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path suppressed;
    static Path exact;

    @BeforeAll
    static void screen() throws Exception {
        suppressed = ScreenedPopulation.screen(tmp.resolve("suppressed"), 240, Disclosure.NHS_SDC);
        exact = ScreenedPopulation.screen(tmp.resolve("exact"), 240, Disclosure.NONE);
    }

    @Test
    void perPcnRegisteredAndFlaggedAgreeWithTheRunAndTheCohortRoundedToFive() throws Exception {
        JsonNode summary = JSON.readTree(suppressed.resolve("summary.json").toFile());
        Map<String, Long> flagged = PublishedCsv.read(suppressed.resolve("cohort.csv")).stream()
                .collect(Collectors.groupingBy(r -> r.get("pcn"), TreeMap::new, Collectors.counting()));
        List<Map<String, String>> byPcn = PublishedCsv.read(suppressed.resolve("measures-by-pcn.csv"));
        Map<String, Map<String, String>> registered = row(byPcn, "registered");
        assertEquals(Set.of("PCN-A", "PCN-B", "PCN-C", "PCN-D", "PCN-E", "PCN-F", "PCN-G", "PCN-H"), registered.keySet());
        for (String pcn : registered.keySet()) {
            long patients = summary.path("perPcn").path(pcn).path("patients").asLong();
            assertTrue(patients > 7, pcn + " is big enough to show");
            assertEquals(Long.toString(Math.round(patients / 5.0) * 5), registered.get(pcn).get("count"), pcn);
            long n = flagged.getOrDefault(pcn, 0L);
            Map<String, String> f = row(byPcn, "patients_flagged").get(pcn);
            assertEquals(n >= 1 && n <= 7 ? "*" : Long.toString(Math.round(n / 5.0) * 5), f.get("count"), pcn + " flagged: " + n);
            assertEquals(n >= 1 && n <= 7 ? "*" : String.format(java.util.Locale.ROOT, "%.1f", Math.round(n * 10000.0 / patients) / 10.0),
                    f.get("rate_per_1000"), pcn + " rate from the exact " + n + " of " + patients);
        }
    }

    @Test
    void everyPublishedCountIsSuppressedOrAMultipleOfFiveAndSaysSo() throws Exception {
        int counts = 0;
        for (String file : FILES) {
            List<Map<String, String>> rows = PublishedCsv.read(suppressed.resolve(file));
            assertFalse(rows.isEmpty(), file);
            for (Map<String, String> r : rows) {
                assertEquals("suppressed", r.get("disclosure"), file);
                for (String c : COUNT_COLUMNS) {
                    String v = r.get(c);
                    if (v != null) {
                        counts++;
                        assertTrue(v.equals("*") || Long.parseLong(v) % 5 == 0, file + " " + c + "=" + v);
                    }
                }
            }
        }
        assertTrue(counts > 100, "checked " + counts + " counts");
        JsonNode measures = JSON.readTree(suppressed.resolve("summary.json").toFile()).path("measures");
        assertEquals("suppressed", measures.path("disclosure").asText());
        assertEquals(PublishedCsv.read(suppressed.resolve("kpi-by-pcn.csv")).size(), measures.path("kpi-by-pcn").size());
        String html = Files.readString(suppressed.resolve("report.html"));
        assertTrue(html.contains("data-disclosure=\"suppressed\""));
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=") || html.replace("http://www.w3.org/2000/svg", "").contains("http"),
                "the report is self-contained");
    }

    @Test
    void withoutSuppressionTheFiguresAreExactAndMarkedUnsuppressedEverywhere() throws Exception {
        JsonNode summary = JSON.readTree(exact.resolve("summary.json").toFile());
        Map<String, Map<String, String>> registered = row(PublishedCsv.read(exact.resolve("measures-by-pcn.csv")), "registered");
        long total = 0;
        for (String pcn : registered.keySet()) {
            assertEquals(summary.path("perPcn").path(pcn).path("patients").asText(), registered.get(pcn).get("count"), pcn);
            total += Long.parseLong(registered.get(pcn).get("count"));
        }
        assertEquals(240, total);
        // Per-PCN KPI instances add up to the run's ICS-wide KPI instances, step by step.
        Map<String, Long> perStep = new TreeMap<>();
        for (Map<String, String> r : PublishedCsv.read(exact.resolve("kpi-by-pcn.csv"))) {
            perStep.merge(r.get("pathway") + "/" + r.get("step"), Long.parseLong(r.get("instances")), Long::sum);
        }
        Map<String, Long> icsWide = new TreeMap<>();
        summary.path("pathwayKpis").forEach(k -> icsWide.put(k.path("pathway").asText() + "/" + k.path("step").asText(), k.path("instances").asLong()));
        assertFalse(icsWide.isEmpty(), "the population has pathway instances");
        assertEquals(icsWide, perStep);
        for (String file : FILES) {
            PublishedCsv.read(exact.resolve(file)).forEach(r -> assertEquals("UNSUPPRESSED", r.get("disclosure"), file));
        }
        assertEquals("UNSUPPRESSED", summary.path("measures").path("disclosure").asText());
        assertTrue(Files.readString(exact.resolve("report.html")).contains("<p class=\"warning\" id=\"disclosure\" data-disclosure=\"UNSUPPRESSED\">"));
    }

    /** The rows of one measure, by PCN. */
    private static Map<String, Map<String, String>> row(List<Map<String, String>> rows, String measure) {
        return rows.stream().filter(r -> r.get("measure").equals(measure)).collect(Collectors.toMap(r -> r.get("pcn"), r -> r, (a, b) -> a, TreeMap::new));
    }
}
