package org.waymark.engine.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.waymark.engine.util.ContentDigest;
import org.waymark.engine.valueset.ValueSet;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.engine.valueset.ValueSetFormatException;
import org.waymark.engine.valueset.ValueSets;

/**
 * Loads one {@code rules/<rule-set>/<version>/} folder: {@code manifest.yaml}, {@code parameters.yaml},
 * {@code recommendations.yaml}, {@code valuesets/*.csv} and {@code *.drl}, adds the parameters and value sets of each
 * shared definition the manifest {@code uses} (a name defined twice is a problem), then compiles its DRL; each shared
 * definition is compiled on its own, once per loader, and not at all when the loader was given it compiled from the
 * same files.
 * Every problem found is reported with its file and line; a folder with any problem becomes a
 * {@link FailedRuleSet} and never serves.
 */
public final class RuleSetLoader {
    /** The folder under the rules root holding shared definitions ({@code <name>/<version>/}), which are not rule sets. */
    public static final String SHARED = "shared";

    private final Path rulesRoot;
    /** Each shared definition version is read and compiled once per loader, whichever rule sets use it (loads run in parallel). */
    private final Map<Path, SharedLoad> sharedLoads = new ConcurrentHashMap<>();
    /** Shared definitions compiled earlier, reused where their folder still holds what they were compiled from. */
    private final List<SharedDefinition> compiled;
    private final KeptKnowledge kept;

    public RuleSetLoader(Path rulesRoot) {
        this(rulesRoot, List.of(), KeptKnowledge.NONE);
    }

    /**
     * A loader that reuses each of {@code compiled} whose folder is unchanged, so the versions it loads share those
     * definitions with the versions loaded before (the evaluator runs a shared definition once per call by identity).
     * {@code kept}: compiled knowledge kept from earlier compilations, reused for unchanged DRL and added to.
     */
    public RuleSetLoader(Path rulesRoot, List<SharedDefinition> compiled, KeptKnowledge kept) {
        this.rulesRoot = rulesRoot.toAbsolutePath().normalize();
        this.compiled = List.copyOf(compiled);
        this.kept = kept;
    }

    public RuleSetVersion load(Path versionFolder) {
        Path folder = versionFolder.toAbsolutePath().normalize();
        String id = folder.getParent().getFileName().toString();
        String version = folder.getFileName().toString();
        Problems problems = new Problems();

        Optional<Manifest> manifest = readManifest(folder, id, version, problems);
        Map<String, Parameters.Parameter> parameters = new LinkedHashMap<>(readParameters(folder, problems).all());
        List<ValueSet> valueSets = readValueSets(folder, problems);
        List<DrlCompiler.DrlFile> drl = readDrl(folder, problems);
        if (drl.isEmpty() && !problems.any()) {
            problems.add(relative(folder), 0, "no .drl files");
        }
        List<SharedDefinition> shared = new ArrayList<>();
        List<RuleMetadata> sharedRules = new ArrayList<>();
        for (String use : manifest.map(Manifest::uses).orElse(List.of())) {
            sharedFolder(folder, use, problems).ifPresent(s -> {
                SharedLoad loaded = sharedLoads.computeIfAbsent(s, this::loadShared);
                loaded.problems().forEach(p -> problems.add(p.file(), p.line(), p.message()));
                mergeParameters(parameters, loaded.parameters(), relative(s.resolve("parameters.yaml")), problems);
                valueSets.addAll(loaded.valueSets());
                loaded.definition().ifPresent(d -> {
                    d.rules().stream().filter(r -> !r.id().isEmpty() && sharedRules.stream().anyMatch(o -> o.id().equals(r.id())))
                            .forEach(r -> problems.add(relative(s), 0, "rule id '" + r.id() + "' is also used by another shared definition "
                                    + "this rule set uses"));
                    shared.add(d);
                    sharedRules.addAll(d.rules());
                });
            });
        }
        // Wording is rendered with the shared definitions' parameters too, so it is read once they are merged.
        ParameterWording wording = new ParameterWording(parameters, problems);
        Map<String, RecommendationDefinition> recommendations = new CardCatalogue(relative(folder.resolve("recommendations.yaml")), wording, problems)
                .read(folder.resolve("recommendations.yaml"), id);
        manifest = manifest.map(m -> m.withDescription(wording.render(m.description(), relative(folder.resolve("manifest.yaml")),
                fileText(folder.resolve("manifest.yaml")))));
        ValueSets indexed = index(valueSets, folder, problems);
        // DRL is compiled even when something else is wrong, so one pass reports every problem. The rule set's own DRL
        // only: each shared definition is compiled once, on its own (loadShared), and evaluated before the rule set.
        Optional<DrlCompiler.Compiled> compiled = drl.isEmpty() ? Optional.empty()
                : new DrlCompiler(problems, kept).compile(id, version, drl, indexed, new Parameters(parameters), recommendations, sharedRules);
        if (problems.any() || manifest.isEmpty() || compiled.isEmpty()) {
            return new FailedRuleSet(id, version, folder, problems.list().isEmpty()
                    ? List.of(new Problem(relative(folder), 0, "did not load")) : problems.list());
        }
        List<RuleMetadata> rules = new ArrayList<>(compiled.get().rules());
        rules.addAll(sharedRules);
        rules.sort(Comparator.comparing(RuleMetadata::id));
        return new CompiledRuleSet(manifest.get(), folder, indexed, new Parameters(parameters), recommendations,
                rules, compiled.get().kieBase(), shared);
    }

    /**
     * A shared definition folder as read and compiled: its parameters and value sets (merged into each rule set that uses
     * it even when its DRL fails, so every problem is still found), the compiled definition, and its problems.
     */
    private record SharedLoad(Parameters parameters, List<ValueSet> valueSets, Optional<SharedDefinition> definition,
                              List<Problem> problems) {
    }

    private SharedLoad loadShared(Path folder) {
        // Hashed before it is read: a file changed while loading costs a compilation at the next reload, never a stale reuse.
        String content = contentOf(folder);
        Optional<SharedDefinition> unchanged = compiled.stream().filter(d -> d.folder().equals(folder) && d.content().equals(content)).findFirst();
        if (unchanged.isPresent()) {
            SharedDefinition d = unchanged.get();
            return new SharedLoad(d.parameters(), d.valueSets().all(), unchanged, List.of());
        }
        Problems problems = new Problems();
        String name = folder.getParent().getFileName().toString();
        String version = folder.getFileName().toString();
        Parameters parameters = readParameters(folder, problems);
        List<ValueSet> valueSets = readValueSets(folder, problems);
        List<DrlCompiler.DrlFile> drl = readDrl(folder, problems);
        if (drl.isEmpty() && !problems.any()) {
            problems.add(relative(folder), 0, "no .drl files");
        }
        ValueSets indexed = index(valueSets, folder, problems);
        Optional<SharedDefinition> definition = drl.isEmpty() ? Optional.empty()
                : new DrlCompiler(problems, kept).compile(name, version, drl, indexed, parameters, Map.of(), List.of())
                        .map(c -> new SharedDefinition(name, version, folder, content, indexed, parameters, c.rules(), c.kieBase()));
        return new SharedLoad(parameters, valueSets, definition, problems.list());
    }

    /**
     * A hash of every file a shared definition is compiled from (parameters, value sets, DRL), with their paths in the
     * folder; one matching no other when a file cannot be read (the load reports it).
     */
    private static String contentOf(Path folder) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve("parameters.yaml"))) {
            files.add(folder.resolve("parameters.yaml"));
        }
        try {
            files.addAll(valueSetFiles(folder.resolve("valuesets")));
            DrlSource.in(folder).forEach(d -> files.add(d.file()));
            ContentDigest digest = new ContentDigest();
            for (Path f : files) {
                digest.file(folder.relativize(f).toString(), f);
            }
            return digest.hex();
        } catch (IOException e) {
            // Unreadable now: a content no other load has, so nothing compiled before is reused for it.
            return "unreadable " + UUID.randomUUID();
        }
    }

    private static String fileText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code rules/shared/<name>/<version>/} for a manifest's {@code uses: [name@version]}. */
    private Optional<Path> sharedFolder(Path folder, String use, Problems problems) {
        String rel = relative(folder.resolve("manifest.yaml"));
        String[] parts = use.split("@", -1);
        if (parts.length != 2 || parts[0].isBlank() || !SemVer.isValid(parts[1])) {
            problems.add(rel, 0, "uses: '" + use + "' is not name@version (e.g. frailty@1.0.0)");
            return Optional.empty();
        }
        Path shared = rulesRoot.resolve(SHARED).resolve(parts[0]).resolve(parts[1]);
        if (!Files.isDirectory(shared)) {
            problems.add(rel, 0, "uses: " + use + " but " + relative(shared) + " does not exist");
            return Optional.empty();
        }
        return Optional.of(shared);
    }

    private static void mergeParameters(Map<String, Parameters.Parameter> into, Parameters shared, String file, Problems problems) {
        shared.all().forEach((name, p) -> {
            if (into.putIfAbsent(name, p) != null) {
                problems.add(file, 0, "parameter '" + name + "' is also defined by the rule set: a shared definition's values are not overridden");
            }
        });
    }

    private ValueSets index(List<ValueSet> sets, Path folder, Problems problems) {
        try {
            return new ValueSets(sets);
        } catch (IllegalArgumentException e) {
            problems.add(relative(folder.resolve("valuesets")), 0, e.getMessage() + " (in the rule set and a shared definition it uses)");
            return ValueSets.empty();
        }
    }

    String relative(Path p) {
        Path base = rulesRoot.getParent() == null ? rulesRoot : rulesRoot.getParent();
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }

    private Optional<Manifest> readManifest(Path folder, String id, String version, Problems problems) {
        Path file = folder.resolve("manifest.yaml");
        String rel = relative(file);
        if (!Files.isRegularFile(file)) {
            problems.add(rel, 0, "missing manifest.yaml");
            return Optional.empty();
        }
        Optional<JsonNode> tree = YamlFiles.read(file, rel, problems);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        JsonNode m = tree.get();
        int before = problems.list().size();
        String mid = required(m, "id", rel, problems);
        String mversion = required(m, "version", rel, problems);
        String title = required(m, "title", rel, problems);
        String description = required(m, "description", rel, problems);
        String status = required(m, "status", rel, problems);
        String reviewer = required(m, "clinicalReviewer", rel, problems);
        if (!mid.isEmpty() && !mid.equals(id)) {
            problems.add(rel, 0, "id '" + mid + "' does not match its folder '" + id + "'");
        }
        if (!mversion.isEmpty() && !mversion.equals(version)) {
            problems.add(rel, 0, "version '" + mversion + "' does not match its folder '" + version + "'");
        }
        if (!SemVer.isValid(version)) {
            problems.add(rel, 0, "folder '" + version + "' is not a semantic version (expected e.g. 1.0.0)");
        }
        Manifest.Status parsedStatus = null;
        if (!status.isEmpty()) {
            try {
                parsedStatus = Manifest.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(rel, 0, "status must be draft, active or retired, not '" + status + "'");
            }
        }
        List<String> authors = new ArrayList<>();
        m.path("authors").forEach(a -> authors.add(a.asText()));
        if (authors.isEmpty()) {
            problems.add(rel, 0, "authors: list at least one author");
        }
        List<Manifest.Source> sources = new ArrayList<>();
        m.path("sources").forEach(s -> sources.add(s.isTextual() ? new Manifest.Source(s.asText(), "")
                : new Manifest.Source(s.path("id").asText(), s.path("title").asText())));
        if (sources.isEmpty()) {
            problems.add(rel, 0, "sources: list the clinical-reference sections this rule set implements");
        }
        List<Manifest.Change> changelog = new ArrayList<>();
        m.path("changelog").forEach(c -> changelog.add(new Manifest.Change(c.path("version").asText(), c.path("date").asText(),
                c.path("summary").asText())));
        if (changelog.isEmpty()) {
            problems.add(rel, 0, "changelog: add an entry for this version");
        }
        List<String> uses = new ArrayList<>();
        m.path("uses").forEach(u -> uses.add(u.asText().strip()));
        List<String> hazards = new ArrayList<>();
        m.path("hazards").forEach(h -> hazards.add(h.asText().strip()));
        if (problems.list().size() > before || parsedStatus == null) {
            return Optional.empty();
        }
        return Optional.of(new Manifest(mid, SemVer.parse(mversion), title, description, parsedStatus, authors, reviewer,
                sources, changelog, uses, hazards));
    }

    private static String required(JsonNode node, String field, String file, Problems problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            problems.add(file, 0, "missing required field '" + field + "'");
            return "";
        }
        return v.asText().strip();
    }

    private Parameters readParameters(Path folder, Problems problems) {
        Path file = folder.resolve("parameters.yaml");
        if (!Files.isRegularFile(file)) {
            return Parameters.none();
        }
        String rel = relative(file);
        Optional<JsonNode> tree = YamlFiles.read(file, rel, problems);
        Map<String, Parameters.Parameter> values = new LinkedHashMap<>();
        tree.map(t -> t.path("parameters")).ifPresent(params -> params.fields().forEachRemaining(e -> {
            JsonNode node = e.getValue();
            JsonNode value = node.isObject() ? node.get("value") : node;
            if (value == null || value.isNull() || value.isContainerNode()) {
                problems.add(rel, 0, "parameter '" + e.getKey() + "' needs a single value");
                return;
            }
            Object v = value.isIntegralNumber() ? (Object) value.asLong() : value.isNumber() ? (Object) value.asDouble() : value.asText();
            if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                v = l.intValue();
            }
            values.put(e.getKey(), new Parameters.Parameter(e.getKey(), v, node.path("description").asText("")));
        }));
        return new Parameters(values);
    }

    private List<ValueSet> readValueSets(Path folder, Problems problems) {
        Path dir = folder.resolve("valuesets");
        List<ValueSet> sets = new ArrayList<>();
        try {
            for (Path f : valueSetFiles(dir)) {
                try {
                    sets.add(ValueSetFiles.read(f));
                } catch (ValueSetFormatException e) {
                    problems.add(relative(e.file()), e.line(), e.reason());
                }
            }
        } catch (IOException e) {
            problems.add(relative(dir), 0, "cannot read value sets: " + e.getMessage());
        }
        return sets;
    }

    /** The value set files of a {@code valuesets/} folder, in name order; none when there is no such folder. */
    private static List<Path> valueSetFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    private List<DrlCompiler.DrlFile> readDrl(Path folder, Problems problems) {
        List<DrlCompiler.DrlFile> out = new ArrayList<>();
        try {
            DrlSource.in(folder).forEach(d -> out.add(new DrlCompiler.DrlFile(relative(d.file()), d.text())));
        } catch (IOException e) {
            problems.add(relative(folder), 0, "cannot read DRL: " + e.getMessage());
        }
        return out;
    }
}
