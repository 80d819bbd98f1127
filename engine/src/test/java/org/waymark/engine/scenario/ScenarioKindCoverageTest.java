package org.waymark.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;

/** Every recommendation code has a firing, a just-below, a suppressed and a data-quality scenario. */
class ScenarioKindCoverageTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyBundledRecommendationCodeHasEveryKindOfScenario() throws Exception {
        Set<String> codes = new TreeSet<>();
        for (Path folder : RuleSetRegistry.versionFolders(RepositoryRoot.rules())) {
            YAML.readTree(folder.resolve("recommendations.yaml").toFile()).path("recommendations")
                    .forEach(r -> codes.add(r.path("code").asText()));
        }
        assertTrue(codes.size() >= 16, "the four rule sets' codes: " + codes);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : ScenarioLoader.find(RepositoryRoot.rules())) {
            scenarios.add(ScenarioLoader.load(f));
        }
        assertEquals(Map.of(), ScenarioCoverage.missing(codes, scenarios), "codes lacking a kind of scenario");
    }

    @Test
    void aCodeWithoutASuppressedOrDataQualityScenarioIsReported() {
        Scenario fires = scenario(Set.of("x.card"), Set.of(), Set.of(Scenario.Kind.FIRES));
        Scenario below = scenario(Set.of(), Set.of("x.card"), Set.of(Scenario.Kind.BELOW));
        Scenario otherCode = scenario(Set.of(), Set.of("x.other"), Set.of(Scenario.Kind.SUPPRESSED, Scenario.Kind.DATA_QUALITY));
        assertEquals(Map.of("x.card", Set.of(Scenario.Kind.SUPPRESSED, Scenario.Kind.DATA_QUALITY)),
                ScenarioCoverage.missing(List.of("x.card"), List.of(fires, below, otherCode)));
        Scenario dataQualityPresent = scenario(Set.of("x.card"), Set.of(), Set.of(Scenario.Kind.DATA_QUALITY));
        Scenario suppressed = scenario(Set.of(), Set.of("x.card"), Set.of(Scenario.Kind.SUPPRESSED));
        assertEquals(Map.of(), ScenarioCoverage.missing(List.of("x.card"), List.of(fires, below, suppressed, dataQualityPresent)));
    }

    private static Scenario scenario(Set<String> present, Set<String> absent, Set<Scenario.Kind> kinds) {
        return new Scenario(Path.of("s.yaml"), "t", Instant.EPOCH, null, List.of(), present, absent, List.of(), List.of(), kinds);
    }
}
