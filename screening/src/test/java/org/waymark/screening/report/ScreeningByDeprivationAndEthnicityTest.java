package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.screening.measures.Disclosure;

/**
 * End to end: a generated population screened with its deprivation map is broken down by IMD decile (from each
 * patient's postcode) and by ethnic group, in breakdowns.csv and the report, under suppression; the postcodes
 * themselves appear in no output. Without a map there is no deprivation breakdown, but still an ethnic one.
 */
class ScreeningByDeprivationAndEthnicityTest {
    private static final int PATIENTS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path suppressed;
    static Path exact;
    static Path withoutMap;

    @BeforeAll
    static void screen() throws Exception {
        suppressed = ScreenedPopulation.screen(tmp.resolve("suppressed"), PATIENTS, Disclosure.NHS_SDC, true);
        exact = ScreenedPopulation.screen(tmp.resolve("exact"), PATIENTS, Disclosure.NONE, true);
        withoutMap = ScreenedPopulation.screen(tmp.resolve("without"), PATIENTS, Disclosure.NHS_SDC, false);
    }

    @Test
    void registeredPatientsPerDecileAreThoseLivingInTheDecilesDistricts() throws Exception {
        Map<String, String> decileOfDistrict = PublishedCsv.read(tmp.resolve("exact/in/deprivation-map.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("postcode_district"), r -> r.get("imd_decile")));
        assertEquals(Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), Set.copyOf(decileOfDistrict.values()), "12 practices cover every decile");
        Map<String, Long> expected = new TreeMap<>();
        for (String line : Files.readAllLines(tmp.resolve("exact/in/Patient.ndjson"))) {
            String postcode = JSON.readTree(line).path("address").path(0).path("postalCode").asText();
            expected.merge(decileOfDistrict.get(postcode.split(" ")[0]), 1L, Long::sum);
        }
        assertEquals(expected, registered(exact, "deprivation_decile"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), PublishedCsv.read(exact.resolve("breakdowns.csv")).stream()
                .filter(r -> r.get("dimension").equals("deprivation_decile") && r.get("measure").equals("registered")).map(r -> r.get("group")).toList(),
                "deciles in numeric order");
        assertEquals(PATIENTS, registered(exact, "ethnic_group").values().stream().mapToLong(Long::longValue).sum(), "every generated patient has a group");
        assertTrue(Set.of("White", "Asian", "Black", "Mixed", "Other").containsAll(registered(exact, "ethnic_group").keySet()));
        assertTrue(registered(exact, "ethnic_group").get("White") > PATIENTS / 2, "most are White, as in the census");
    }

    @Test
    void theBreakdownsAreSuppressedAndShownInTheReport() throws Exception {
        List<Map<String, String>> rows = PublishedCsv.read(suppressed.resolve("breakdowns.csv")).stream()
                .filter(r -> r.get("dimension").equals("deprivation_decile") || r.get("dimension").equals("ethnic_group")).toList();
        assertFalse(rows.isEmpty());
        boolean anySuppressed = false;
        for (Map<String, String> r : rows) {
            assertEquals("suppressed", r.get("disclosure"));
            String count = r.get("count");
            assertTrue(count.equals("*") || Long.parseLong(count) % 5 == 0, r.toString());
            anySuppressed |= count.equals("*");
        }
        assertTrue(anySuppressed, "some small groups (few Other or Mixed patients flagged) are suppressed");
        String html = Files.readString(suppressed.resolve("report.html"));
        assertTrue(html.contains("by deprivation decile") && html.contains("by ethnic group"), "the report charts both");
        JsonNode measures = JSON.readTree(suppressed.resolve("summary.json").toFile()).path("measures");
        assertTrue(measures.toString().contains("deprivation_decile") && measures.toString().contains("ethnic_group"));
    }

    @Test
    void withoutADeprivationMapThereIsNoDeprivationBreakdown() throws Exception {
        Set<String> dimensions = PublishedCsv.read(withoutMap.resolve("breakdowns.csv")).stream().map(r -> r.get("dimension")).collect(Collectors.toSet());
        assertEquals(Set.of("age_band", "sex", "ethnic_group"), dimensions);
    }

    @Test
    void noOutputHoldsAPostcodeOrItsDistrict() throws Exception {
        Set<String> postcodes = new java.util.HashSet<>();
        for (String line : Files.readAllLines(tmp.resolve("suppressed/in/Patient.ndjson"))) {
            postcodes.add(JSON.readTree(line).path("address").path(0).path("postalCode").asText());
        }
        assertEquals(PATIENTS, Files.readAllLines(tmp.resolve("suppressed/in/Patient.ndjson")).size());
        Map<Path, String> outputs = new HashMap<>();
        for (Path out : List.of(suppressed, exact, withoutMap)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.put(f, Files.readString(f));
                }
            }
        }
        assertTrue(outputs.keySet().stream().anyMatch(f -> f.endsWith("cohort.ndjson")), "the cohort is among the files checked");
        outputs.forEach((f, text) -> {
            assertFalse(text.matches("(?s).*\\bWM\\d+.*"), f + " holds a postcode district");
            postcodes.forEach(p -> assertFalse(text.contains(p) || text.contains(p.replace(" ", "")), f + " holds a postcode"));
        });
    }

    /** The exact registered count per group of one dimension. */
    private static Map<String, Long> registered(Path out, String dimension) throws Exception {
        return PublishedCsv.read(out.resolve("breakdowns.csv")).stream()
                .filter(r -> r.get("dimension").equals(dimension) && r.get("measure").equals("registered"))
                .collect(Collectors.toMap(r -> r.get("group"), r -> Long.parseLong(r.get("count")), Long::sum, TreeMap::new));
    }
}
