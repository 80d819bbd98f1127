package org.waymark.engine.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.RecommendationDefinition;
import org.waymark.engine.ruleset.RuleMetadata;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.valueset.Provenance;
import org.waymark.engine.valueset.ValueSet;

/**
 * The README.md generated into a rule-set version's folder, or a shared definition's, from what the engine compiled:
 * rules with their metadata, the cards they give, parameters with why, value sets with their provenance, scenarios,
 * changes and the folder's design decisions (its design.md). A version's page also lists what the shared definitions
 * it {@code uses} bring in, each marked with the folder that defines it, because they are part of what it does.
 */
public final class VersionGuide {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final CompiledRuleSet rs;
    private final Path repository;
    private final Origins origins;
    private final Optional<Path> only;

    private VersionGuide(CompiledRuleSet rs, Path repository, Optional<Path> only) throws IOException {
        this.rs = rs;
        this.repository = repository;
        this.origins = new Origins(rs);
        this.only = only;
    }

    public static String forVersion(CompiledRuleSet rs, Path repository) throws IOException {
        var m = rs.manifest();
        List<String> out = new ArrayList<>();
        header(out, m.title(), m.id(), m.version().toString(), m.description());
        out.add("Status: " + m.status().name().toLowerCase(Locale.ROOT) + ". Authors: " + String.join(", ", m.authors())
                + ". Clinical reviewer: " + m.clinicalReviewer() + ".");
        out.add("");
        out.add("Sources: " + m.sources().stream().map(s -> (s.id() + " " + s.title()).strip()).collect(Collectors.joining("; ")) + ".");
        if (!rs.sharedFolders().isEmpty()) {
            out.add("");
            out.add("Shared definitions compiled in: " + rs.sharedFolders().stream()
                    .map(f -> "[`" + rel(repository, f) + "`](" + rel(rs.folder(), f.resolve("README.md")) + ")").collect(Collectors.joining(", ")) + ".");
        }
        VersionGuide guide = new VersionGuide(rs, repository, Optional.empty());
        guide.rules(out);
        guide.cards(out);
        guide.parameters(out);
        guide.valueSets(out);
        scenarios(rs.folder(), "rules/" + rs.id() + "/" + rs.version(), out);
        changes(m.changelog().stream().map(c -> c.version() + " (" + c.date() + "): " + oneLine(c.summary())).toList(), out);
        design(rs.folder(), out);
        return String.join("\n", out) + "\n";
    }

    /** A shared definition's page, from a rule set that compiles it in ({@code user}). */
    public static String forShared(Path folder, CompiledRuleSet user, Path repository) throws IOException {
        JsonNode definition = YAML.readTree(folder.resolve("definition.yaml").toFile());
        List<String> out = new ArrayList<>();
        header(out, definition.path("title").asText(), definition.path("id").asText(), definition.path("version").asText(),
                definition.path("description").asText());
        out.add("A shared definition, not a rule set: it serves no cards itself. Rule sets that name it under `uses:` in their "
                + "manifest have its rules, parameters and value sets compiled in, and cannot redefine them.");
        out.add("");
        List<String> sources = new ArrayList<>();
        definition.path("sources").forEach(s -> sources.add((s.path("id").asText() + " " + s.path("title").asText()).strip()));
        out.add("Sources: " + String.join("; ", sources) + ".");
        VersionGuide guide = new VersionGuide(user, repository, Optional.of(folder));
        guide.rules(out);
        guide.parameters(out);
        guide.valueSets(out);
        scenarios(folder, rel(repository, folder), out);
        List<String> changes = new ArrayList<>();
        definition.path("changelog").forEach(c -> changes.add(c.path("version").asText() + " (" + c.path("date").asText() + "): "
                + oneLine(c.path("summary").asText())));
        changes(changes, out);
        design(folder, out);
        return String.join("\n", out) + "\n";
    }

    private static void header(List<String> out, String title, String id, String version, String description) {
        out.add("# " + title + " (`" + id + "` " + version + ")");
        out.add("");
        out.add("Generated from this folder by `./waymark docs`; do not edit by hand.");
        out.add("");
        out.add(oneLine(description));
        out.add("");
    }

    /** On a shared definition's page, only what that folder defines; on a version's page, everything compiled in. */
    private Predicate<Optional<Path>> shown() {
        return origin -> only.isEmpty() || origin.map(o -> o.startsWith(only.get())).orElse(false);
    }

    private String where(Optional<Path> origin) {
        return origin.map(o -> o.startsWith(rs.folder()) ? "this version" : "`" + rel(repository, o) + "`").orElse("");
    }

    private void rules(List<String> out) {
        out.add("");
        out.add("## Rules");
        out.add("");
        out.add("| rule id | recommends | title | source | rationale | defined in |");
        out.add("|---|---|---|---|---|---|");
        for (RuleMetadata r : rs.rules()) {
            Optional<Path> origin = origins.rule(r.id());
            if (shown().test(origin)) {
                out.add("| `" + r.id() + "` | " + r.code().map(c -> "`" + c + "`").orElse("(derives a fact)") + " | " + cell(r.title())
                        + " | " + String.join(", ", r.sources()) + " | " + cell(r.rationale()) + " | "
                        + origin.map(o -> o.startsWith(rs.folder()) ? "`" + o.getFileName() + "`" : "`" + rel(repository, o) + "`").orElse("") + " |");
            }
        }
    }

    private void cards(List<String> out) {
        out.add("");
        out.add("## Cards");
        out.add("");
        out.add("What each recommendation code shows a clinician (`recommendations.yaml`).");
        for (RecommendationDefinition d : rs.recommendations().values().stream().sorted(Comparator.comparing(RecommendationDefinition::code)).toList()) {
            out.add("");
            out.add("### `" + d.code() + "`: " + d.title());
            out.add("");
            out.add("- Indicator: " + d.indicator().name().toLowerCase(Locale.ROOT));
            out.add("- Summary: " + d.summary());
            if (!d.detail().isBlank()) {
                out.add("- Detail: " + oneLine(d.detail()));
            }
            d.suggestions().forEach(s -> out.add("- Suggestion: " + s.label()));
        }
    }

    private void parameters(List<String> out) {
        out.add("");
        out.add("## Parameters");
        out.add("");
        out.add("| name | value | why | defined in |");
        out.add("|---|---|---|---|");
        for (Parameters.Parameter p : rs.parameters().all().values().stream().sorted(Comparator.comparing(Parameters.Parameter::name)).toList()) {
            Optional<Path> origin = origins.parameter(p.name());
            if (shown().test(origin)) {
                out.add("| `" + p.name() + "` | " + p.value() + " | " + cell(p.description()) + " | " + where(origin) + " |");
            }
        }
    }

    private void valueSets(List<String> out) {
        out.add("");
        out.add("## Value sets");
        out.add("");
        out.add("Each names the published list it was taken from (under `codelists/`), that list's version, what was left out or "
                + "added and why, and its review status (docs/authoring.md, \"Value sets\").");
        out.add("");
        out.add("| value set | codes | source | filter | review | defined in |");
        out.add("|---|---|---|---|---|---|");
        List<String> drafts = new ArrayList<>();
        for (String name : rs.valueSets().names().stream().sorted().toList()) {
            Optional<Path> origin = origins.valueSet(name);
            if (!shown().test(origin)) {
                continue;
            }
            ValueSet vs = rs.valueSets().get(name).orElseThrow();
            Provenance p = vs.provenance();
            String filter = p.filter() + p.additions().stream().map(a -> " Added: " + a.code() + " " + a.reason() + ".").collect(Collectors.joining());
            out.add("| `" + name + "` | " + vs.codes().size() + " | " + cell(p.source() + " (" + p.sourceVersion() + ")") + " | " + cell(filter)
                    + " | " + cell(p.review()) + " | " + where(origin) + " |");
            if (p.review().startsWith("draft")) {
                drafts.add("- `" + name + "`: " + p.review());
            }
        }
        if (!drafts.isEmpty()) {
            out.add("");
            out.add("### Codes needing terminology review");
            out.add("");
            out.add("These value sets are drafts: a terminology specialist must confirm or replace them before live use.");
            out.add("");
            out.addAll(drafts);
        }
    }

    private static void scenarios(Path folder, String replayPath, List<String> out) throws IOException {
        Path scenarios = folder.resolve("scenarios");
        int count = Files.isDirectory(scenarios) ? ScenarioLoader.find(scenarios).size() : 0;
        out.add("");
        out.add("## Scenarios");
        out.add("");
        out.add(count + " scenarios in `scenarios/`; replay them with `./waymark replay " + replayPath + "`.");
    }

    private static void changes(List<String> lines, List<String> out) {
        if (!lines.isEmpty()) {
            out.add("");
            out.add("## Changes");
            out.add("");
            lines.forEach(l -> out.add("- " + l));
        }
    }

    private static void design(Path folder, List<String> out) throws IOException {
        Path design = folder.resolve("design.md");
        if (Files.isRegularFile(design)) {
            out.add("");
            out.add(Files.readString(design).strip());
        }
    }

    private static String rel(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
    }

    private static String oneLine(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }
}
