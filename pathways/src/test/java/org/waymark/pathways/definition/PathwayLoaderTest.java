package org.waymark.pathways.definition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.Problem;

class PathwayLoaderTest {
    @TempDir
    Path root;

    @Test
    void problemsNameTheFileAndTheField() throws Exception {
        Path folder = Files.createDirectories(root.resolve("broken/1.0.0"));
        Files.writeString(folder.resolve("pathway.yaml"), """
                id: broken
                version: 1.0.0
                title: Broken
                status: active
                sources: [CR-6.1]
                trigger: { valueSet: no-such-set }
                steps:
                  - id: a
                    title: A
                    evidence: also-missing
                    deadline: { hours: 2, from: later-step }
                kpi: { step: nope, target: 7 }
                """);
        List<String> problems = PathwayLoader.load(folder).problems().stream().map(Problem::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("pathway.yaml") && p.contains("trigger.valueSet")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("steps[0].evidence")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("steps[0].deadline.from")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("kpi.step")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("kpi.target")), problems.toString());
    }
}
