package org.waymark.engine.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.time.EvaluationTime;

/**
 * Replays scenarios through the same evaluator the server uses. Which rule-set versions evaluate a
 * scenario: those it pins with {@code ruleSets}; else, for a scenario inside
 * {@code rules/<rule-set>/<version>/scenarios/}, that version; else every active rule set.
 */
public final class ScenarioRunner {
    private final Evaluator evaluator = new Evaluator();
    private final List<ScenarioCheck> checks;

    public ScenarioRunner() {
        this(List.of());
    }

    /** {@code checks} take part in every replay, e.g. care pathways. */
    public ScenarioRunner(List<ScenarioCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public List<CompiledRuleSet> ruleSetsFor(Scenario scenario, RuleSets snapshot) throws ScenarioException {
        List<CompiledRuleSet> out = new ArrayList<>();
        for (String pinned : scenario.ruleSets()) {
            String id = pinned.substring(0, pinned.indexOf('@'));
            String version = pinned.substring(pinned.indexOf('@') + 1);
            out.add(snapshot.compiled(id, version).orElseThrow(() -> new ScenarioException(scenario.file(), "ruleSets",
                    pinned + " is not a loaded, compiled rule-set version")));
        }
        if (!out.isEmpty()) {
            return out;
        }
        Path folder = scenario.file().toAbsolutePath().normalize().getParent();
        if (folder != null && folder.getFileName().toString().equals("scenarios") && folder.getParent() != null
                && folder.getParent().getParent() != null) {
            String version = folder.getParent().getFileName().toString();
            String id = folder.getParent().getParent().getFileName().toString();
            if (snapshot.find(id, version).isPresent()) {
                return List.of(snapshot.compiled(id, version).orElseThrow(() -> new ScenarioException(scenario.file(), "",
                        "its rule set " + id + "@" + version + " failed to load")));
            }
        }
        return snapshot.allActive();
    }

    public ScenarioResult run(Scenario scenario, RuleSets snapshot) throws ScenarioException {
        return run(scenario, ruleSetsFor(scenario, snapshot));
    }

    public ScenarioResult run(Scenario scenario, List<CompiledRuleSet> ruleSets) throws ScenarioException {
        PatientRecord record = record(scenario);
        Evaluation evaluation = evaluator.evaluate(record, EvaluationTime.of(scenario.asOf()), ruleSets);
        Set<String> codes = new TreeSet<>(evaluation.codes());
        List<String> failures = new ArrayList<>();
        for (ScenarioCheck check : checks) {
            ScenarioCheck.Result r = check.check(scenario, record);
            codes.addAll(r.codes());
            failures.addAll(r.failures());
        }
        return ScenarioResult.of(scenario, ruleSets.stream().map(CompiledRuleSet::key).toList(), codes, evaluation.firedRules(), failures);
    }

    /** The scenario's record as facts, for callers (such as pathway checks) that need more than the codes. */
    public PatientRecord record(Scenario scenario) throws ScenarioException {
        try {
            return FactMapper.toRecord(scenario.resources(), scenario.asOf());
        } catch (RecordException e) {
            throw new ScenarioException(scenario.file(), "record", e.getMessage());
        }
    }
}
