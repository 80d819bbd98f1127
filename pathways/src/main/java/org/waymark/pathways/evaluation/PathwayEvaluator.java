package org.waymark.pathways.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;
import org.waymark.pathways.definition.Deadline;
import org.waymark.pathways.definition.PathwayDefinition;
import org.waymark.pathways.definition.StepDefinition;

/**
 * Works out where a patient is on a pathway as of an instant. Deadline arithmetic is plain Java rather
 * than Drools: it is calendar arithmetic, not a clinical decision, and reads more clearly as code.
 * Entries dated after the as-of instant are ignored, so a replay sees exactly what was known then.
 * Evidence counts for an instance only between its clock start and the next instance's. Each pathway's clock
 * starts at the event its standard counts from (CR-6): discharge pathways at the discharge, not the admission.
 */
public final class PathwayEvaluator {

    /** {@code codes}: the record's codes, looked up once for every pathway ({@link RecordCodes#of}). */
    public List<PathwayInstance> evaluate(PathwayDefinition pathway, PatientRecord record, RecordCodes codes, EvaluationTime asOf) {
        Instant now = asOf.instant();
        List<RecordEntry> entries = new ArrayList<>();
        for (int i = 0; i < record.entries().size(); i++) {
            RecordEntry e = record.entries().get(i);
            // Only an entry in one of the pathway's value sets is copied with its memberships: no other ever counts.
            Set<String> memberships = pathway.valueSets().membershipsOf(codes.entry(i));
            if (!memberships.isEmpty() && e.onOrBefore(now)) {
                entries.add(e.withValueSets(memberships));
            }
        }
        if (entries.isEmpty()) {
            return List.of(); // no trigger, as for most patients and pathways: nothing to sort or stream
        }
        entries.sort(Comparator.comparingLong(RecordEntry::time));
        List<Triggered> triggers = entries.stream().filter(e -> e.in(pathway.triggerValueSet()))
                .flatMap(e -> startOf(pathway, e).filter(t -> !t.isAfter(now)).map(t -> new Triggered(e, t)).stream())
                .sorted(Comparator.comparing(Triggered::at))
                .toList();
        if (pathway.instances() == PathwayDefinition.Instances.FIRST && triggers.size() > 1) {
            triggers = triggers.subList(0, 1);
        }
        List<PathwayInstance> out = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            Triggered trigger = triggers.get(i);
            Optional<Instant> end = i + 1 < triggers.size() ? Optional.of(triggers.get(i + 1).at()) : Optional.empty();
            List<RecordEntry> window = entries.stream()
                    .filter(e -> e != trigger.entry() && e.onOrAfter(trigger.at()) && end.map(x -> e.before(x)).orElse(true))
                    .toList();
            out.add(instance(pathway, i + 1, trigger, window, record, asOf));
        }
        return out;
    }

    /** A trigger entry with the moment its clock starts. */
    private record Triggered(RecordEntry entry, Instant at) {
    }

    /** When a trigger entry starts its pathway; empty for a discharge pathway's encounter that has not ended. */
    private static Optional<Instant> startOf(PathwayDefinition pathway, RecordEntry trigger) {
        if (pathway.startsAt() == PathwayDefinition.TriggerClock.DISCHARGE && trigger instanceof Encounter encounter) {
            return encounter.end();
        }
        return trigger.at();
    }

    private static PathwayInstance instance(PathwayDefinition pathway, int number, Triggered trigger, List<RecordEntry> window,
                                            PatientRecord record, EvaluationTime asOf) {
        Instant clockStart = pathway.serviceHours().map(h -> h.clockStart(trigger.at())).orElse(trigger.at());
        boolean deceased = record.patient().deceased();
        Map<String, StepState> done = new HashMap<>();
        List<StepState> states = new ArrayList<>();
        for (StepDefinition step : pathway.steps()) {
            StepState state = step(step, clockStart, window, done, record, asOf, deceased);
            done.put(step.id(), state);
            states.add(state);
        }
        boolean closed = pathway.closedBy().map(vs -> window.stream().anyMatch(e -> e.in(vs))).orElse(false)
                || deceased && pathway.steps().stream().noneMatch(StepDefinition::afterDeath);
        return new PathwayInstance(pathway, number, trigger.entry(), trigger.at(), clockStart, states, status(states, closed));
    }

    private static StepState step(StepDefinition step, Instant clockStart, List<RecordEntry> window, Map<String, StepState> earlier,
                                  PatientRecord record, EvaluationTime asOf, boolean deceased) {
        Optional<RecordEntry> evidence = window.stream().filter(e -> e.in(step.evidenceValueSet())).findFirst();
        Optional<Instant> base;
        if (step.afterDeath()) {
            if (!deceased) {
                return new StepState(step, StepStatus.NOT_REQUIRED, evidence, Optional.empty(), Optional.empty(), Optional.empty());
            }
            base = record.patient().deceasedAt();
        } else {
            base = step.deadline().flatMap(Deadline::from).map(id -> earlier.get(id).doneAt()).orElse(Optional.of(clockStart));
        }
        Optional<Instant> deadline = base.flatMap(b -> step.deadline().map(d -> d.after(b, asOf.calendar())));
        if (evidence.isPresent()) {
            Instant at = evidence.get().at().orElseThrow();
            Optional<Duration> late = deadline.filter(at::isAfter).map(d -> Duration.between(d, at));
            return new StepState(step, StepStatus.DONE, evidence, base, deadline, late);
        }
        if (!step.required() || deceased && !step.afterDeath()) {
            return new StepState(step, StepStatus.NOT_REQUIRED, evidence, base, deadline, Optional.empty());
        }
        if (base.isEmpty() && step.deadline().isPresent()) {
            return new StepState(step, StepStatus.PENDING, evidence, base, deadline, Optional.empty());
        }
        Instant now = asOf.instant();
        if (deadline.isPresent() && now.isAfter(deadline.get())) {
            return new StepState(step, StepStatus.OVERDUE, evidence, base, deadline, Optional.of(Duration.between(deadline.get(), now)));
        }
        return new StepState(step, StepStatus.DUE, evidence, base, deadline, Optional.empty());
    }

    private static InstanceStatus status(List<StepState> states, boolean closed) {
        if (closed) {
            return InstanceStatus.CLOSED;
        }
        List<StepState> required = states.stream().filter(s -> s.step().required() && s.status() != StepStatus.NOT_REQUIRED).toList();
        if (required.stream().anyMatch(StepState::breached)) {
            return InstanceStatus.BREACHED;
        }
        if (required.stream().allMatch(s -> s.status() == StepStatus.DONE)) {
            return InstanceStatus.MET;
        }
        return InstanceStatus.OPEN;
    }
}
