package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** Discovery states the thresholds the serving rule-set versions use, not ones written into services.yaml. */
class ServiceWordingTest {
    @TempDir
    Path rules;

    @Test
    void aServiceDescriptionFollowsTheServingVersionsParameterAndItsDueWindow() throws Exception {
        Folders.copy(RepositoryRoot.rules().resolve("proactive-care"), rules.resolve("proactive-care"));
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        Path parameters = rules.resolve("proactive-care/1.0.0/parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters)
                .replace("medication-review-window-months:\n    value: 12", "medication-review-window-months:\n    value: 6"));
        RuleSets sets = RuleSetRegistry.load(rules, Map.of()).current();
        CdsServiceCatalog catalog = CdsServiceCatalog.load(RepositoryRoot.rules().resolve("services.yaml"));

        List<CdsService> services = catalog.services(sets, List.of());

        CdsService prescribing = services.stream().filter(s -> s.id().equals("prescribing")).findFirst().orElseThrow();
        assertEquals("When signing medication orders, whether the record with the new prescriptions puts the person in a structured "
                + "medication review priority group (CR-2.2) with no review in 6 months.", prescribing.description());
        Path file = Files.writeString(rules.resolve("services.yaml"), """
                services:
                  - id: soon
                    hook: patient-view
                    title: Reviews in {{proactive-care.medication-review-window-months}} months
                    description: Steps due within {{dueWithin}}.
                    ruleSets: [proactive-care]
                    pathways: { include: all, dueWithin: P7D }
                """);
        CdsService soon = CdsServiceCatalog.load(file).find(sets, List.of(), "soon").orElseThrow();
        assertEquals("Reviews in 6 months", soon.title());
        assertEquals("Steps due within 7 days.", soon.description());
    }
}
