package org.waymark.cli.authoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.waymark.api.http.Json;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.OutputFormat;
import org.waymark.cli.options.PinnedRuleSet;
import org.waymark.cli.options.RulesFolder;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.PathwayScope;
import org.waymark.engine.explain.Explainer;
import org.waymark.engine.explain.Explanation;
import org.waymark.engine.explain.ExplanationText;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.PathwayService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code waymark explain}: why / why not for one patient, from a scenario, a FHIR Bundle or a CDS Hooks request: per rule
 * of each rule set, fired or not and each condition met or not with the values seen, near misses and suppressing
 * entries; and each care-pathway step. A table by default, {@code --json} for machines.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Why / why not: per rule, fired or not, each condition met or not with the values seen; and each pathway step.")
public final class ExplainCommand implements Callable<Integer> {
    // The options several commands share, as they are everywhere.
    @Mixin RulesFolder rules;
    @Mixin PathwaysFolder pathways;
    @Mixin PinnedRuleSet pinned;
    @Mixin OutputFormat format;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A scenario (.yaml), a FHIR Bundle (.json) or a CDS Hooks request (.json, its prefetch).") Path file;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "Evaluation instant or date, e.g. 2026-11-24T09:00:00Z (default: the scenario's asOf; for a bundle or request, now).") String asOf;

    /** The patient to explain: the record, the instant and the rule-set versions. */
    private record Subject(PatientRecord record, Instant asOf, List<CompiledRuleSet> ruleSets) {
    }

    @Override
    public Integer call() throws Exception {
        RuleSets sets = rules.load();
        Optional<CompiledRuleSet> version = pinned.resolve(sets);
        PathwayService service = pathways.service();
        Subject subject;
        try {
            subject = read(sets, service);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("waymark explain: " + e.getMessage());
            return 2;
        } catch (RecordException | IOException e) {
            spec.commandLine().getErr().println("waymark explain: " + file + ": " + e.getMessage());
            return 2;
        }
        List<CompiledRuleSet> chosen = new ArrayList<>(subject.ruleSets().stream()
                .filter(r -> version.isEmpty() || !r.id().equals(version.get().id())).toList());
        version.ifPresent(chosen::add);
        Explanation explanation;
        try {
            explanation = new Explainer(new Assessor(service)).explain(new AssessmentRequest(subject.record(),
                    EvaluationTime.of(subject.asOf()), chosen, Optional.of(PathwayScope.ALL), Set.of()));
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("waymark explain: " + e.getMessage());
            return 1;
        }
        System.out.print(format.json() ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(explanation) + "\n"
                : ExplanationText.of(explanation));
        return 0;
    }

    private Subject read(RuleSets sets, PathwayService service) throws ScenarioException, RecordException, IOException {
        if (!file.toString().endsWith(".json")) {
            Scenario scenario = ScenarioLoader.load(file);
            ScenarioRunner runner = new ScenarioRunner(service);
            Instant when = asOf == null ? scenario.asOf() : instant();
            return new Subject(RecordAssembler.assemble(scenario.parts(), when), when, runner.ruleSetsFor(scenario, sets));
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage());
        }
        Instant when = asOf == null ? Instant.now() : instant();
        // The record as a scenario drawn from the same file would hold it: a request's prefetch, or the Bundle.
        return new Subject(RecordStream.read(ScenarioDraft.of(root, true).bundle().toString(), when), when, sets.allActive());
    }

    private Instant instant() {
        try {
            return asOf.length() == 10 ? LocalDate.parse(asOf).atStartOfDay(EvaluationTime.ZONE).toInstant() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--as-of takes an instant such as 2026-11-24T09:00:00Z or a date, not '" + asOf + "'");
        }
    }
}
