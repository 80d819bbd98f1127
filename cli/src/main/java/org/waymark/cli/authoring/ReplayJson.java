package org.waymark.cli.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.pathways.scenario.Replay;

/** {@code replay --json}: the outcomes for machines, one object per scenario, and the counts. */
final class ReplayJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scenario(String suite, String id, String title, String file, boolean passed, String error,
                    List<String> expectedPresent, List<String> expectedAbsent, List<String> actual, List<String> differences,
                    long durationMillis) {
        static Scenario of(Replay.Outcome o) {
            Optional<ScenarioResult> r = o.result();
            return new Scenario(o.suite(), o.id(), o.title(), o.file().toString(), o.passed(), o.error().orElse(null),
                    r.map(x -> x.scenario().expectPresent().stream().sorted().toList()).orElse(List.of()),
                    r.map(x -> x.scenario().expectAbsent().stream().sorted().toList()).orElse(List.of()),
                    r.map(x -> List.copyOf(x.actual())).orElse(List.of()),
                    r.map(ScenarioResult::differences).orElse(List.of()), o.duration().toMillis());
        }
    }

    record Report(int scenarios, long passed, long failed, List<Scenario> outcomes) {
    }

    private ReplayJson() {
    }

    static String of(List<Replay.Outcome> outcomes) {
        long passed = outcomes.stream().filter(Replay.Outcome::passed).count();
        Report report = new Report(outcomes.size(), passed, outcomes.size() - passed, outcomes.stream().map(Scenario::of).toList());
        try {
            return JSON.writer().writeValueAsString(report) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
