package org.waymark.engine.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.assessment.PathwayScope;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.time.EvaluationTime;

/**
 * Replays scenarios through the {@link Assessor}, one assessment per scenario, as the server answers a call: the
 * rule sets, then every active care pathway (when the runner has them), leaving out pathway cards whose advice a
 * rule set already gave. Which rule-set versions evaluate a scenario: those it pins with {@code ruleSets}; else,
 * for a scenario inside {@code rules/<rule-set>/<version>/scenarios/}, that version; else every active rule set.
 */
public final class ScenarioRunner {
    private final Assessor assessor;
    private final Optional<PathwayScope> pathways;
    private final Optional<Set<String>> knownCodes;

    /** Rule sets only: pathway codes are never produced and {@code expect.pathways} is not checked (as lint needs). */
    public ScenarioRunner() {
        this.assessor = new Assessor(CarePathways.NONE);
        this.pathways = Optional.empty();
        this.knownCodes = Optional.empty();
    }

    /** Rule sets and every active care pathway, with {@code expect.pathways} checked against the pathway steps. */
    public ScenarioRunner(CarePathways pathways) {
        this(pathways, Optional.empty());
    }

    /**
     * As {@link #ScenarioRunner(CarePathways)}, and a scenario expecting a code that is neither in
     * {@code ruleSetCodes} nor a pathway code fails (replay: a misspelt {@code absent:} code must not pass).
     */
    public ScenarioRunner(CarePathways pathways, Set<String> ruleSetCodes) {
        this(pathways, Optional.of(union(ruleSetCodes, pathways.codes())));
    }

    private ScenarioRunner(CarePathways pathways, Optional<Set<String>> knownCodes) {
        this.assessor = new Assessor(pathways);
        this.pathways = Optional.of(PathwayScope.ALL);
        this.knownCodes = knownCodes;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
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
        Assessment assessment = assess(scenario, ruleSets);
        List<String> failures = new ArrayList<>(pathways.isPresent() ? pathwayFailures(scenario, assessment.pathwaySteps()) : List.of());
        knownCodes.ifPresent(known -> {
            Set<String> all = new java.util.HashSet<>(known);
            ruleSets.forEach(r -> all.addAll(r.recommendations().keySet()));
            ExpectedCodes.unknown(scenario, all).forEach(code -> failures.add(ExpectedCodes.message(code)));
        });
        return ScenarioResult.of(scenario, ruleSets.stream().map(CompiledRuleSet::key).toList(), assessment.codes(),
                assessment.firedRules(), failures);
    }

    /** The assessment the scenario's expectations are checked against: the cards a clinician would see, for previews. */
    public Assessment assess(Scenario scenario, List<CompiledRuleSet> ruleSets) throws ScenarioException {
        return assessor.assess(new AssessmentRequest(record(scenario), EvaluationTime.of(scenario.asOf()), ruleSets, pathways, Set.of()));
    }

    /**
     * Compares each {@code expect.pathways} entry (pathway, instance number, step, state) with the assessment's steps;
     * {@code step: instance} compares the instance's own state.
     */
    private static List<String> pathwayFailures(Scenario scenario, List<StepObservation> steps) {
        List<String> failures = new ArrayList<>();
        for (Scenario.PathwayExpectation e : scenario.expectPathways()) {
            int number = e.instance().orElse(1);
            String where = "pathway " + e.pathway() + " instance " + number;
            List<StepObservation> instance = steps.stream().filter(s -> s.pathway().equals(e.pathway()) && s.instance() == number).toList();
            if (instance.isEmpty()) {
                failures.add(where + ": expected to exist but was not triggered");
                continue;
            }
            String actual = e.step().equals("instance") ? instance.get(0).instanceState()
                    : instance.stream().filter(s -> s.step().equals(e.step())).map(StepObservation::state).findFirst().orElse("(no such step)");
            if (!actual.equals(e.state())) {
                failures.add(where + " " + e.step() + ": expected " + e.state() + " but was " + actual);
            }
        }
        return failures;
    }

    /** The scenario's record as facts, for callers (such as pathway checks) that need more than the codes. */
    public PatientRecord record(Scenario scenario) throws ScenarioException {
        try {
            return RecordAssembler.assemble(scenario.parts(), scenario.asOf());
        } catch (RecordException e) {
            throw new ScenarioException(scenario.file(), "record", e.getMessage());
        }
    }
}
