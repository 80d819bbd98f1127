package org.waymark.pathways.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.SemVer;
import org.waymark.engine.valueset.ValueSet;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.engine.valueset.ValueSetFormatException;
import org.waymark.engine.valueset.ValueSets;

/**
 * Reads {@code pathways/definitions/<pathway>/<version>/pathway.yaml} and its {@code valuesets/*.csv}.
 * Every problem names the file and the field; a definition with any problem does not load.
 */
public final class PathwayLoader {
    /** A loaded definition, or the problems that stopped it. */
    public record Result(Optional<PathwayDefinition> definition, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PathwayLoader() {
    }

    public static Result load(Path folder) {
        Path file = folder.resolve("pathway.yaml");
        String rel = file.toString();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Result(Optional.empty(), List.of(new Problem(rel, 0, "missing pathway.yaml")));
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return new Result(Optional.empty(), List.of(new Problem(rel, line, "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return new Result(Optional.empty(), List.of(new Problem(rel, 0, "cannot read: " + e.getMessage())));
        }
        ValueSets valueSets = valueSets(folder, problems);
        Fields f = new Fields(root, rel, problems);
        String id = f.text("id");
        String version = f.text("version");
        if (!id.isEmpty() && !id.equals(folder.getParent().getFileName().toString())) {
            problems.add(new Problem(rel, 0, "id: '" + id + "' does not match its folder"));
        }
        if (!version.isEmpty() && (!SemVer.isValid(version) || !version.equals(folder.getFileName().toString()))) {
            problems.add(new Problem(rel, 0, "version: '" + version + "' must be a semantic version matching its folder"));
        }
        String status = f.text("status");
        if (!status.isEmpty() && !Set.of("draft", "active", "retired").contains(status)) {
            problems.add(new Problem(rel, 0, "status: must be draft, active or retired"));
        }
        List<String> sources = new ArrayList<>();
        root.path("sources").forEach(s -> sources.add(s.asText()));
        if (sources.isEmpty()) {
            problems.add(new Problem(rel, 0, "sources: list the clinical-reference sections this pathway implements"));
        }
        JsonNode trigger = root.path("trigger");
        String triggerVs = new Fields(trigger, rel, problems, "trigger.").text("valueSet");
        String triggerTitle = trigger.path("title").asText("trigger");
        PathwayDefinition.Instances instances = PathwayDefinition.Instances.EACH;
        try {
            instances = PathwayDefinition.Instances.valueOf(trigger.path("instances").asText("each").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(rel, 0, "trigger.instances: must be each or first"));
        }
        PathwayDefinition.TriggerClock startsAt = PathwayDefinition.TriggerClock.EVENT;
        try {
            startsAt = PathwayDefinition.TriggerClock.valueOf(trigger.path("startsAt").asText("event").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(rel, 0, "trigger.startsAt: must be event or discharge"));
        }
        checkValueSet(triggerVs, "trigger.valueSet", valueSets, rel, problems);
        Optional<String> closedBy = Optional.ofNullable(root.get("closedBy")).map(JsonNode::asText);
        closedBy.ifPresent(c -> checkValueSet(c, "closedBy", valueSets, rel, problems));
        Optional<ServiceHours> hours = serviceHours(root.get("serviceHours"), rel, problems);
        List<StepDefinition> steps = steps(root.path("steps"), rel, valueSets, problems);
        JsonNode kpi = root.path("kpi");
        String kpiStep = new Fields(kpi, rel, problems, "kpi.").text("step");
        double target = kpi.path("target").asDouble(-1);
        if (target < 0 || target > 1) {
            problems.add(new Problem(rel, 0, "kpi.target: a share between 0 and 1, e.g. 0.7"));
        }
        if (!kpiStep.isEmpty() && steps.stream().noneMatch(s -> s.id().equals(kpiStep))) {
            problems.add(new Problem(rel, 0, "kpi.step: no step with id '" + kpiStep + "'"));
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new PathwayDefinition(id, version, f.text("title"), root.path("description").asText(""), status,
                sources, triggerVs, triggerTitle, instances, startsAt, closedBy, hours, steps, kpiStep, target, valueSets, folder)), problems);
    }

    private static List<StepDefinition> steps(JsonNode list, String rel, ValueSets valueSets, List<Problem> problems) {
        List<StepDefinition> steps = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(new Problem(rel, 0, "steps: list at least one step"));
            return steps;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "steps[" + i + "].";
            Fields f = new Fields(s, rel, problems, where);
            String id = f.text("id");
            if (!id.isEmpty() && !ids.add(id)) {
                problems.add(new Problem(rel, 0, where + "id: '" + id + "' is used twice"));
            }
            String evidence = f.text("evidence");
            checkValueSet(evidence, where + "evidence", valueSets, rel, problems);
            Optional<Deadline> deadline = Optional.empty();
            JsonNode d = s.get("deadline");
            if (d != null) {
                deadline = deadline(d, where + "deadline", rel, ids, id, problems);
            }
            Set<String> sameAdvice = new HashSet<>();
            s.path("sameAdviceAs").forEach(c -> sameAdvice.add(c.asText()));
            steps.add(new StepDefinition(id, f.text("title"), evidence, deadline, s.path("required").asBoolean(true),
                    s.path("owner").asText(""), s.path("afterDeath").asBoolean(false), sameAdvice));
        }
        return steps;
    }

    private static Optional<Deadline> deadline(JsonNode d, String where, String rel, Set<String> earlierIds, String self, List<Problem> problems) {
        Deadline.Unit unit = null;
        int amount = 0;
        for (Deadline.Unit u : Deadline.Unit.values()) {
            String key = switch (u) {
                case HOURS -> "hours";
                case DAYS -> "days";
                case WORKING_DAYS -> "workingDays";
                case MONTHS -> "months";
            };
            if (d.has(key)) {
                if (unit != null) {
                    problems.add(new Problem(rel, 0, where + ": give one of hours, days, workingDays or months"));
                    return Optional.empty();
                }
                unit = u;
                amount = d.get(key).asInt();
            }
        }
        if (unit == null || amount <= 0) {
            problems.add(new Problem(rel, 0, where + ": needs a positive hours, days, workingDays or months"));
            return Optional.empty();
        }
        String from = d.path("from").asText("trigger");
        if (!from.equals("trigger") && (!earlierIds.contains(from) || from.equals(self))) {
            problems.add(new Problem(rel, 0, where + ".from: must be 'trigger' or the id of an earlier step, not '" + from + "'"));
            return Optional.empty();
        }
        return Optional.of(new Deadline(unit, amount, from.equals("trigger") ? Optional.empty() : Optional.of(from)));
    }

    private static Optional<ServiceHours> serviceHours(JsonNode node, String rel, List<Problem> problems) {
        if (node == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServiceHours(LocalTime.parse(node.path("opens").asText()), LocalTime.parse(node.path("closes").asText()),
                    ServiceHours.OutOfHours.valueOf(node.path("outOfHours").asText("from-trigger").toUpperCase(Locale.ROOT).replace('-', '_'))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            problems.add(new Problem(rel, 0, "serviceHours: needs opens and closes as HH:MM and outOfHours from-trigger or from-next-opening"));
            return Optional.empty();
        }
    }

    private static void checkValueSet(String name, String field, ValueSets valueSets, String rel, List<Problem> problems) {
        if (!name.isEmpty() && valueSets.get(name).isEmpty()) {
            problems.add(new Problem(rel, 0, field + ": no value set '" + name + "' (expected valuesets/" + name + ".csv)"));
        }
    }

    private static ValueSets valueSets(Path folder, List<Problem> problems) {
        Path dir = folder.resolve("valuesets");
        List<ValueSet> sets = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    try {
                        sets.add(ValueSetFiles.read(f));
                    } catch (ValueSetFormatException e) {
                        problems.add(new Problem(e.file().toString(), e.line(), e.reason()));
                    }
                }
            } catch (IOException e) {
                problems.add(new Problem(dir.toString(), 0, "cannot read value sets: " + e.getMessage()));
            }
        }
        return new ValueSets(sets);
    }

    /** Required text fields, reported with their path in the file. */
    private record Fields(JsonNode node, String file, List<Problem> problems, String prefix) {
        Fields(JsonNode node, String file, List<Problem> problems) {
            this(node, file, problems, "");
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.asText().isBlank()) {
                problems.add(new Problem(file, 0, prefix + field + ": required"));
                return "";
            }
            return v.asText().strip();
        }
    }
}
