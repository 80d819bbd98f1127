package org.waymark.screening.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ca.uhn.fhir.parser.IParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.fhir.FactMapper;

/**
 * The generator's demographics, read back through the engine's FHIR reader: ethnic groups near the England and Wales
 * Census 2021 proportions in a large sample, every postcode in its practice's district, that district's decile in the
 * written deprivation map, deciles spread over 1 to 10, and the same output for the same seed.
 */
class PopulationDemographicsTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final int PATIENTS = 20_000;
    /** ONS Census 2021, England and Wales, high-level ethnic groups. */
    private static final Map<String, Double> CENSUS = Map.of("White", .817, "Asian", .093, "Black", .040, "Mixed", .029, "Other", .021);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static List<String> patients;

    @BeforeAll
    static void generate() throws Exception {
        new PopulationGenerator(PATIENTS, 11, AS_OF, 10).write(tmp.resolve("a"));
        patients = Files.readAllLines(tmp.resolve("a/Patient.ndjson"));
    }

    @Test
    void ethnicGroupsAreNearTheCensusProportions() throws Exception {
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        Map<String, Integer> counts = new HashMap<>();
        for (String line : patients) {
            Patient p = parser.parseResource(Patient.class, line);
            String group = FactMapper.toRecord(List.of(p), AS_OF).patient().ethnicGroup().orElseThrow();
            counts.merge(group, 1, Integer::sum);
        }
        assertEquals(CENSUS.keySet(), counts.keySet());
        CENSUS.forEach((group, share) -> {
            double observed = counts.get(group) / (double) PATIENTS;
            // Five standard errors of a share of a sample this size: far from chance, close enough to the census.
            double tolerance = 5 * Math.sqrt(share * (1 - share) / PATIENTS);
            assertTrue(Math.abs(observed - share) < tolerance, group + ": " + observed + " against the census " + share);
        });
    }

    @Test
    void postcodesLieInThePracticesDistrictWhoseDecileTheMapGives() throws Exception {
        Map<String, String> decileOfDistrict = new HashMap<>();
        Files.readAllLines(tmp.resolve("a/deprivation-map.csv")).stream().skip(1).map(l -> l.split(","))
                .forEach(c -> decileOfDistrict.put(c[0], c[1]));
        assertEquals(new TreeSet<>(List.of("1", "10", "2", "3", "4", "5", "6", "7", "8", "9")), new TreeSet<>(decileOfDistrict.values()),
                "ten practices cover every decile once");
        for (String line : patients) {
            JsonNode patient = JSON.readTree(line);
            String practice = patient.path("generalPractitioner").path(0).path("identifier").path("value").asText();
            String postcode = patient.path("address").path(0).path("postalCode").asText();
            int index = Integer.parseInt(practice.substring(1)) - 10;
            assertTrue(postcode.matches("WM\\d+ \\d[A-Z]{2}"), postcode);
            String district = postcode.split(" ")[0];
            assertEquals("WM" + (index + 1), district, "practice " + practice + " lives in its own district");
            assertEquals(String.valueOf(Demographics.decile(index)), decileOfDistrict.get(district), district);
        }
    }

    @Test
    void theSameSeedWritesTheSamePatientsAndMap() throws Exception {
        new PopulationGenerator(PATIENTS, 11, AS_OF, 10).write(tmp.resolve("b"));
        assertEquals(patients, Files.readAllLines(tmp.resolve("b/Patient.ndjson")));
        assertEquals(Files.readString(tmp.resolve("a/deprivation-map.csv")), Files.readString(tmp.resolve("b/deprivation-map.csv")));
    }
}
