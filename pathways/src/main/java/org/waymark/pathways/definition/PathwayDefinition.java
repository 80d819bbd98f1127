package org.waymark.pathways.definition;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.waymark.engine.util.Require;
import org.waymark.engine.valueset.ValueSets;

/**
 * A care pathway as a clinical lead writes it ({@code pathway.yaml}): what starts an instance, its steps
 * with deadlines, what closes it, and the time-standard KPI it feeds.
 *
 * @param triggerValueSet entries in this value set start an instance
 * @param instances {@code EACH} trigger starts its own instance, or only the {@code FIRST}
 * @param startsAt which moment of the trigger entry starts the clock (CR-6: discharge pathways count from discharge)
 * @param closedBy entries in this value set close an open instance (optional)
 * @param kpiStep the step whose timeliness the KPI measures, with the standard's target share
 */
public record PathwayDefinition(String id, String version, String title, String description, String status, List<String> sources,
                                String triggerValueSet, String triggerTitle, Instances instances, TriggerClock startsAt, Optional<String> closedBy,
                                Optional<ServiceHours> serviceHours, List<StepDefinition> steps, String kpiStep, double kpiTarget,
                                ValueSets valueSets, Path folder) {
    public enum Instances { EACH, FIRST }

    /**
     * {@code EVENT}: the trigger entry's own date (referral authored, register entry, admission). {@code DISCHARGE}:
     * an encounter trigger starts at its end, and one without an end (still in hospital) starts nothing yet; other
     * trigger entries (e.g. a referral) start at their date.
     */
    public enum TriggerClock { EVENT, DISCHARGE }

    public PathwayDefinition {
        Require.nonNull("id, version, title, status, triggerValueSet, instances, startsAt, valueSets",
                id, version, title, status, triggerValueSet, instances, startsAt, valueSets);
        description = Objects.requireNonNullElse(description, "");
        sources = List.copyOf(sources);
        closedBy = Objects.requireNonNullElse(closedBy, Optional.empty());
        serviceHours = Objects.requireNonNullElse(serviceHours, Optional.empty());
        steps = List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    public String key() {
        return id + "@" + version;
    }
}
