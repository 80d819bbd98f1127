package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Every bundled scenario (rules/&lt;rule set&gt;/&lt;version&gt;/scenarios, rules/shared/&lt;definition&gt;/&lt;version&gt;/scenarios and
 * pathways/definitions/&lt;pathway&gt;/&lt;version&gt;/scenarios) gives the same recommendation codes through the HTTP service as
 * through {@code waymark replay} (its {@link ScenarioRunner}, with care pathways, as {@code Replay} runs it when no version
 * is pinned).
 *
 * <p>Like for like: replay evaluates a scenario in a rule-set version folder with that rule set alone (plus every
 * pathway), and every other scenario with all active rule sets. So the test answers each scenario with a service
 * evaluating exactly those rule sets and every pathway: {@code neighbourhood-care} for all active rule sets, and, for
 * one rule set, a {@code replay-<rule set>} service this test declares beside the bundled ones in a copy of
 * {@code rules/}. Comparing whole code sets (not a subset of codes) matters because the pathway cards that are left
 * out depend on which rule codes were given. The request carries the scenario's record as prefetch (the patient and
 * one searchset Bundle per resource type) and {@code ?asOf=} the scenario's instant.
 */
class ServerReplayEquivalenceTest {
    private static final String ALL_RULE_SETS = "neighbourhood-care";
    private static final Map<String, String> PREFETCH_KEYS = keysByType();

    @TempDir
    static Path tmp;
    private static TestServer server;
    private static RuleSets snapshot;
    private static ScenarioRunner replay;

    @BeforeAll
    static void start() throws IOException {
        Path rules = TestServer.rules();
        snapshot = RuleSetRegistry.load(rules, Map.of()).current();
        assertTrue(snapshot.failures().isEmpty(), "bundled rule sets load: " + snapshot.failures());
        replay = new ScenarioRunner(new PathwayService(PathwayRegistry.load(rules.resolveSibling("pathways").resolve("definitions"))));
        // The linter (run before a version serves) reads codelists/ and docs/ beside the rules folder.
        for (String folder : List.of("rules", "codelists", "docs")) {
            Folders.copy(rules.resolveSibling(folder), tmp.resolve(folder));
        }
        Path copy = tmp.resolve("rules");
        StringBuilder services = new StringBuilder(Files.readString(rules.resolve("services.yaml")));
        for (CompiledRuleSet rs : snapshot.allActive()) {
            services.append("\n  - id: replay-").append(rs.id()).append("\n    hook: patient-view\n    title: Replay ").append(rs.id())
                    .append("\n    description: The ").append(rs.id()).append(" rule set and every pathway, as replay evaluates its scenarios.")
                    .append("\n    ruleSets: [").append(rs.id()).append("]\n    pathways: { include: all, dueWithin: P1D }\n");
        }
        Files.writeString(copy.resolve("services.yaml"), services);
        server = TestServer.start(copy);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyBundledScenarioGetsTheSameCodesFromTheServerAsFromReplay() throws IOException {
        Path root = TestServer.rules().getParent();
        List<Path> files = new ArrayList<>(ScenarioLoader.find(root.resolve("rules")));
        files.addAll(ScenarioLoader.find(root.resolve("pathways").resolve("definitions")));
        assertTrue(files.size() > 200, "every bundled scenario is found: " + files.size());
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("rules/shared/")), "shared definitions' scenarios are included");
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            Scenario scenario = ScenarioLoader.load(f);
            assertEquals("patient-view", scenario.hook(), "the services compared answer patient-view");
            List<CompiledRuleSet> ruleSets = replay.ruleSetsFor(scenario, snapshot);
            ScenarioResult replayed = replay.run(scenario, ruleSets);
            String service = service(ruleSets);
            HttpResponse<String> r = server.post("/cds-services/" + service + "?asOf=" + scenario.asOf(), request(scenario));
            assertEquals(200, r.statusCode(), r.body());
            Set<String> served = new TreeSet<>();
            for (JsonNode card : TestServer.json(r).path("cards")) {
                served.add(card.path("source").path("topic").path("code").asText());
            }
            assertEquals(replayed.actual(), served, "codes from replay (left) and from " + service + " (right)");
        }));
    }

    /** The service evaluating exactly the rule sets replay chose, which must be the active versions. */
    private static String service(List<CompiledRuleSet> ruleSets) {
        List<String> keys = ruleSets.stream().map(CompiledRuleSet::key).sorted().toList();
        List<String> active = snapshot.allActive().stream().map(CompiledRuleSet::key).sorted().toList();
        if (keys.equals(active)) {
            return ALL_RULE_SETS;
        }
        assertEquals(1, keys.size(), "replay evaluates one rule set or all active ones: " + keys);
        assertTrue(active.contains(keys.get(0)), keys.get(0) + " is the active version, so the server evaluates it too");
        return "replay-" + ruleSets.get(0).id();
    }

    /** A patient-view request with the scenario's record as prefetch: the patient, and a searchset Bundle per type. */
    private static String request(Scenario scenario) throws ScenarioException {
        var parser = RecordReader.parser();
        List<Resource> resources = ScenarioLoader.resources(scenario.file());
        Patient patient = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        PREFETCH_KEYS.keySet().forEach(type -> bundles.put(type, new Bundle().setType(Bundle.BundleType.SEARCHSET)));
        for (Resource r : resources) {
            if (r != patient) {
                String type = r.fhirType();
                assertTrue(bundles.containsKey(type), type + " has a prefetch key");
                bundles.get(type).addEntry().setResource(r);
            }
        }
        StringBuilder prefetch = new StringBuilder("\"patient\":" + parser.encodeResourceToString(patient));
        bundles.forEach((type, b) -> prefetch.append(",\"").append(PREFETCH_KEYS.get(type)).append("\":").append(parser.encodeResourceToString(b)));
        return "{\"hookInstance\":\"" + java.util.UUID.randomUUID() + "\",\"hook\":\"patient-view\",\"context\":{\"userId\":\"Practitioner/example\","
                + "\"patientId\":\"" + patient.getIdElement().getIdPart() + "\"},\"prefetch\":{" + prefetch + "}}";
    }

    private static Map<String, String> keysByType() {
        Map<String, String> out = new LinkedHashMap<>();
        CdsHooksRequests.PREFETCH_TYPES.forEach((key, type) -> out.put(type, key));
        return out;
    }
}
