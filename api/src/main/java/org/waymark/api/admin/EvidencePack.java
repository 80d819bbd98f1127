package org.waymark.api.admin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Manifest;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.RuleMetadata;
import org.waymark.engine.valueset.ValueSet;
import org.waymark.pathways.scenario.VersionDiff;

/**
 * A version's clinical-safety evidence (in the style of a DCB0129 safety case entry), written as Markdown when an author
 * submits it for review: what changed against the active version (changelog entry, parameters old and new, rules and
 * value sets added, removed or changed), the hazards the manifest notes, the scenario and lint results it passed, and
 * which scenario patients gain or lose which codes. Who approved it is added when it is read, never into the pack, so
 * the approval can name the pack's SHA-256.
 */
record EvidencePack(CompiledRuleSet version, Optional<CompiledRuleSet> active, int scenarios, VersionDiff.Result impact, String submittedBy,
                    Instant submittedAt) {
    EvidencePack {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /**
     * The pack for {@code version}, its impact taken over its own scenarios and the active version's (by file name, the
     * candidate's file first); with no active version it is compared with itself, so nothing gains or loses.
     */
    static EvidencePack of(CompiledRuleSet version, Optional<CompiledRuleSet> active, List<Path> ownScenarios, List<Path> activeScenarios,
                           String submittedBy, Instant at) {
        Map<Path, Path> byName = new LinkedHashMap<>();
        ownScenarios.forEach(f -> byName.putIfAbsent(f.getFileName(), f));
        activeScenarios.forEach(f -> byName.putIfAbsent(f.getFileName(), f));
        VersionDiff.Result impact = VersionDiff.compare(active.orElse(version), version, List.copyOf(byName.values()));
        return new EvidencePack(version, active, ownScenarios.size(), impact, submittedBy, at);
    }

    String markdown() {
        Manifest m = version.manifest();
        StringBuilder out = new StringBuilder();
        out.append("# Clinical safety evidence: ").append(version.id()).append(' ').append(version.version()).append("\n\n");
        out.append("Generated when ").append(submittedBy).append(" submitted it for review, ").append(submittedAt).append(". ")
                .append(active.map(a -> "Compared with the active version " + a.version() + ".")
                        .orElse("No version of " + version.id() + " was active: there is nothing to compare with."))
                .append("\n\n## What changed\n\n");
        // The latest entry for this version: a copied manifest may still carry an earlier one.
        m.changelog().stream().filter(c -> c.version().equals(version.version())).reduce((earlier, later) -> later).ifPresentOrElse(
                c -> out.append("Changelog (").append(c.version()).append(", ").append(c.date()).append("): ").append(c.summary().strip()).append("\n\n"),
                () -> out.append("The manifest's changelog has no entry for ").append(version.version()).append(".\n\n"));
        active.ifPresent(a -> {
            parameters(a, out);
            rules(a, out);
            valueSets(a, out);
        });
        out.append("## Hazards noted\n\n");
        if (m.hazards().isEmpty()) {
            out.append("None recorded (the manifest has no `hazards:` entry).\n\n");
        } else {
            m.hazards().forEach(h -> out.append("- ").append(h).append('\n'));
            out.append('\n');
        }
        out.append("## Verification\n\n- Compiled: yes.\n- Lint: clean.\n- Scenarios: ").append(scenarios)
                .append(" in its `scenarios/` folder, all passed (pathway expectations included).\n\n");
        impact(out);
        return out.toString();
    }

    private void parameters(CompiledRuleSet a, StringBuilder out) {
        Map<String, Parameters.Parameter> before = a.parameters().all();
        Map<String, Parameters.Parameter> after = version.parameters().all();
        List<String> rows = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            String old = Optional.ofNullable(before.get(name)).map(p -> String.valueOf(p.value())).orElse("(none)");
            String now = Optional.ofNullable(after.get(name)).map(p -> String.valueOf(p.value())).orElse("(none)");
            if (!old.equals(now)) {
                rows.add("| " + name + " | " + old + " | " + now + " |");
            }
        }
        out.append("### Parameters\n\n");
        if (rows.isEmpty()) {
            out.append("No parameter changed.\n\n");
        } else {
            out.append("| parameter | ").append(a.version()).append(" | ").append(version.version()).append(" |\n|---|---|---|\n");
            rows.forEach(r -> out.append(r).append('\n'));
            out.append('\n');
        }
    }

    private void rules(CompiledRuleSet a, StringBuilder out) {
        Map<String, RuleMetadata> before = a.rules().stream().collect(Collectors.toMap(RuleMetadata::id, Function.identity(), (x, y) -> x, TreeMap::new));
        Map<String, RuleMetadata> after = version.rules().stream().collect(Collectors.toMap(RuleMetadata::id, Function.identity(), (x, y) -> x, TreeMap::new));
        Map<String, String> bodiesBefore = RuleBodies.of(a);
        Map<String, String> bodiesAfter = RuleBodies.of(version);
        section(out, "Rules", changes(before, after, (id, r) -> id + ": " + r.title(), (old, now) -> {
            if (!withoutName(old).equals(withoutName(now))) {
                return Optional.of(now.title());
            }
            return Objects.equals(bodiesBefore.get(old.id()), bodiesAfter.get(now.id()))
                    ? Optional.empty() : Optional.of("conditions or actions changed: " + now.title());
        }), "No rule added, removed, or changed in its title, rationale, sources, code, conditions or actions.");
    }

    private void valueSets(CompiledRuleSet a, StringBuilder out) {
        section(out, "Value sets", changes(codes(a), codes(version), (name, codes) -> name + " (" + codes.size() + " codes)",
                (old, now) -> old.equals(now) ? Optional.empty() : Optional.of(old.size() + " → " + now.size() + " codes: "
                        + minus(now, old).size() + " added, " + minus(old, now).size() + " removed")),
                "No value set added, removed or changed.");
    }

    private static void section(StringBuilder out, String title, List<String> lines, String none) {
        out.append("### ").append(title).append("\n\n").append(lines.isEmpty() ? none : String.join("\n", lines)).append("\n\n");
    }

    private void impact(StringBuilder out) {
        out.append("## Impact against the active version\n\n");
        if (active.isEmpty()) {
            out.append("No active version to compare with.\n");
            return;
        }
        out.append("Over the scenarios of ").append(version.version()).append(" and ").append(impact.from()).append(" (").append(impact.patients())
                .append(" patients): ").append(impact.changes().size()).append(" change.\n\n");
        if (!impact.changes().isEmpty()) {
            out.append("| scenario | gains | loses |\n|---|---|---|\n");
            for (VersionDiff.Change c : impact.changes()) {
                out.append("| ").append(c.title()).append(" (`").append(c.file().getParent().getParent().getFileName()).append("/scenarios/")
                        .append(c.file().getFileName()).append("`) | ").append(String.join(", ", c.gained())).append(" | ")
                        .append(String.join(", ", c.lost())).append(" |\n");
            }
            out.append('\n');
        }
        impact.errors().forEach(e -> out.append("- scenario could not be run: ").append(e).append('\n'));
    }

    /** One line per key added, removed or changed ({@code changed} says how, or nothing when it is the same). */
    private static <T> List<String> changes(Map<String, T> before, Map<String, T> after, BiFunction<String, T, String> label,
                                            BiFunction<T, T, Optional<String>> changed) {
        List<String> lines = new ArrayList<>();
        for (String key : union(before.keySet(), after.keySet())) {
            T old = before.get(key);
            T now = after.get(key);
            if (old == null) {
                lines.add("- added: " + label.apply(key, now));
            } else if (now == null) {
                lines.add("- removed: " + label.apply(key, old));
            } else {
                changed.apply(old, now).ifPresent(how -> lines.add("- changed: " + key + " (" + how + ")"));
            }
        }
        return lines;
    }

    /** A rule's clinical content; its Drools name may differ between versions without changing it. */
    private static List<Object> withoutName(RuleMetadata r) {
        return List.of(r.id(), r.title(), r.rationale(), r.sources(), r.code());
    }

    private static Map<String, Set<String>> codes(CompiledRuleSet rs) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String name : rs.valueSets().names()) {
            ValueSet vs = rs.valueSets().get(name).orElseThrow();
            out.put(name, vs.codes().stream().map(EvidencePack::key).collect(Collectors.toSet()));
        }
        return out;
    }

    private static String key(Coding c) {
        return c.system() + "|" + c.code();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
