package org.waymark.pathways.evaluation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.ruleset.Indicator;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.definition.PathwayDefinition;

/**
 * Cards for pathway steps that need action: {@code pathway.<pathway>.<step>.overdue} (warning) for an
 * overdue step, {@code pathway.<pathway>.<step>.due} (info) for one due within a day. Each cites the
 * trigger and the steps already done, and suggests a Task for the step's owner.
 */
public final class PathwayCards {
    public static final Duration DUE_SOON = Duration.ofDays(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PathwayCards() {
    }

    public static List<Recommendation> recommendations(List<PathwayInstance> instances, EvaluationTime asOf, String patientReference) {
        return recommendations(instances, asOf, patientReference, Set.of(), DUE_SOON);
    }

    /**
     * As above, leaving out steps whose advice a rule set already gave ({@code alreadyAdvised} holds its codes),
     * with due cards for steps due within {@code dueWithin} (a day on patient-view; longer at discharge).
     */
    public static List<Recommendation> recommendations(List<PathwayInstance> instances, EvaluationTime asOf, String patientReference,
                                                       Set<String> alreadyAdvised, Duration dueWithin) {
        List<Recommendation> out = new ArrayList<>();
        for (PathwayInstance instance : instances) {
            if (instance.status() == InstanceStatus.CLOSED) {
                continue;
            }
            for (StepState s : instance.steps()) {
                if (s.step().sameAdviceAs().stream().noneMatch(alreadyAdvised::contains)) {
                    card(instance, s, asOf.instant(), patientReference, dueWithin).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static String code(String pathway, String step, boolean overdue) {
        return "pathway." + pathway + "." + step + (overdue ? ".overdue" : ".due");
    }

    /** Every code the pathway's cards can carry: each step due and overdue. */
    static List<String> codes(PathwayDefinition pathway) {
        List<String> out = new ArrayList<>();
        pathway.steps().forEach(s -> {
            out.add(code(pathway.id(), s.id(), false));
            out.add(code(pathway.id(), s.id(), true));
        });
        return out;
    }

    static Optional<Recommendation> card(PathwayInstance instance, StepState s, Instant now, String patientReference, Duration dueWithin) {
        boolean overdue = s.status() == StepStatus.OVERDUE;
        boolean dueSoon = s.status() == StepStatus.DUE && s.deadline().map(d -> !d.isAfter(now.plus(dueWithin))).orElse(false);
        if (!overdue && !dueSoon) {
            return Optional.empty();
        }
        var p = instance.pathway();
        String code = code(p.id(), s.step().id(), overdue);
        String deadline = s.deadline().map(d -> WHEN.format(d.atZone(EvaluationTime.ZONE))).orElse("");
        String summary = overdue
                ? trim(p.title() + ": " + s.step().title() + " is overdue by " + human(s.late().orElseThrow()))
                : trim(p.title() + ": " + s.step().title() + " is due by " + deadline);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(instance.trigger().reference(), p.triggerTitle() + ": " + instance.trigger().display(), Optional.of(instance.triggeredAt())));
        instance.steps().stream().filter(x -> x.status() == StepStatus.DONE)
                .forEach(x -> evidence.add(new Evidence(x.evidence().orElseThrow().reference(), "done: " + x.step().title(), x.doneAt())));
        String rationale = s.step().title() + (overdue ? " was due by " : " is due by ") + deadline
                + s.step().deadline().map(d -> " (" + d.describe(d.from().isEmpty() ? p.triggerTitle() : d.from().get()) + ")").orElse("")
                + " and no evidence of it is recorded since " + p.triggerTitle() + ".";
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("resourceType", "Task").put("status", "requested").put("intent", "order").put("priority", overdue ? "urgent" : "routine");
        task.putObject("code").put("text", s.step().title());
        task.putObject("for").put("reference", patientReference);
        task.putObject("owner").put("display", s.step().owner().isBlank() ? "Neighbourhood team" : s.step().owner());
        Suggestion suggestion = new Suggestion("Task for " + (s.step().owner().isBlank() ? "the neighbourhood team" : s.step().owner()) + ": "
                + s.step().title(), List.of(new Suggestion.Action("create", "Create a task for " + s.step().title(), Optional.of(task))));
        return Optional.of(new Recommendation(code, p.title() + " - " + s.step().title(), summary, overdue ? Indicator.WARNING : Indicator.INFO,
                rationale, p.description(), evidence, p.id(), p.version(), List.of(p.id() + "/" + s.step().id()), p.sources(),
                List.of(suggestion), List.of()));
    }

    private static String trim(String s) {
        return s.length() < 140 ? s : s.substring(0, 136) + "...";
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 120) {
            return minutes + " minutes";
        }
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " hours";
        }
        return d.toDays() + " days";
    }
}
