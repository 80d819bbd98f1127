package org.waymark.engine.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.ruleset.RuleMetadata;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RecommendationDefinition;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.ruleset.RuleLines;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ExpectedCodes;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioCoverage;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.engine.valueset.ValueSetFormatException;

/**
 * Checks a rule-set version beyond compiling: load problems (manifest, metadata, value-set and parameter
 * references), value sets of the rule set and the shared definitions it uses (codes well formed, provenance
 * header, codes within the published lists they name in {@code codelists/}), every recommendation code
 * documented, every rule covered by a scenario where it fires and one where it must not, and every
 * recommendation code by a firing, a just-below, a suppressed and a data-quality scenario; every parameter
 * described; no number in a card or the manifest description that contradicts a parameter; no scenario
 * expecting a code nothing defines. Each finding names a file and line, all in one pass.
 */
public final class Linter {
    private final Path repoRoot;
    private final Path recommendationsDoc;
    private final PublishedLists published;
    private final Supplier<Set<String>> knownCodes;

    /**
     * {@code recommendationsDoc} is the user documentation every code must appear in (docs/recommendations.md);
     * {@code knownCodes} gives every code a rule set or pathway defines, which scenario expectations may name.
     */
    public Linter(Path repoRoot, Path recommendationsDoc, Supplier<Set<String>> knownCodes) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.recommendationsDoc = recommendationsDoc;
        this.published = new PublishedLists(this.repoRoot);
        this.knownCodes = knownCodes;
    }

    /**
     * What lint reads besides the rule set's and its shared definitions' folders and the known codes: the
     * recommendations document and the published code lists (a file or a folder each).
     */
    public List<Path> readsBeyondRuleSets() {
        return List.of(recommendationsDoc, repoRoot.resolve(PublishedLists.FOLDER));
    }

    /** The codes a scenario expectation may name now: every code a loaded rule-set version or pathway defines. */
    public Set<String> knownCodes() {
        return Set.copyOf(knownCodes.get());
    }

    /** The codes scenario expectations may name: those of every loaded rule-set version (read when asked) and pathway. */
    public static Supplier<Set<String>> codesOf(Supplier<RuleSets> ruleSets, CarePathways pathways) {
        return () -> {
            Set<String> all = new HashSet<>(ruleSets.get().codes());
            all.addAll(pathways.codes());
            return all;
        };
    }

    /** Every problem of the version in one pass: a version that failed to load is still checked for all the rest. */
    public List<Problem> lint(RuleSetVersion version) {
        return lint(version, Map.of());
    }

    /**
     * As {@link #lint(RuleSetVersion)}, reusing scenario replays already made (the serving gate's, by file), so that a
     * scenario is loaded and evaluated once. Only a result evaluated with this version alone stands in for the coverage
     * check's own replay: the rules that fire do not depend on the care pathways evaluated after them.
     */
    public List<Problem> lint(RuleSetVersion version, Map<Path, ScenarioResult> replayed) {
        List<Problem> out = new ArrayList<>();
        if (version instanceof FailedRuleSet failed) {
            out.addAll(failed.problems());
            out.addAll(lintValueSets(failed.folder()));
            ParameterChecks.check(failed.folder(), this::rel, out);
            return out.stream().distinct().toList();
        }
        CompiledRuleSet rs = (CompiledRuleSet) version;
        for (Path folder : rs.sourceFolders()) {
            out.addAll(lintValueSets(folder));
            ParameterChecks.check(folder, this::rel, out);
        }
        checkDocumented(rs, out);
        checkWording(rs, out);
        CheckedWording.check(rs, this::rel, out);
        checkCoverage(rs, replayed, out);
        return out;
    }

    /**
     * The wording of the services declared in {@code servicesFile} ({@code rules/services.yaml}), against the
     * serving versions of the rule sets each uses: no unknown {@code {{name}}}, no number contradicting a parameter.
     */
    public List<Problem> lintServices(Path servicesFile, RuleSets sets) {
        return ServiceChecks.check(servicesFile, rel(servicesFile), sets);
    }

    /** Card and manifest wording states no number that contradicts a parameter. */
    private void checkWording(CompiledRuleSet rs, List<Problem> out) {
        Path catalogue = rs.folder().resolve("recommendations.yaml");
        List<String> lines = read(catalogue);
        Map<String, Parameters.Parameter> all = rs.parameters().all();
        rs.recommendations().values().forEach(def -> {
            Map<String, Parameters.Parameter> own = new HashMap<>();
            rs.rules().stream().filter(r -> r.code().filter(def.code()::equals).isPresent())
                    .forEach(r -> parametersRead(rs, r).stream().filter(all::containsKey).forEach(name -> own.put(name, all.get(name))));
            cardTexts(def).forEach((field, text) -> NumberClaims.contradictions(text, own, all).forEach(m ->
                    out.add(new Problem(rel(catalogue), codeLine(lines, def.code()), def.code() + " " + field + ": " + m))));
        });
        NumberClaims.contradictions(rs.manifest().description(), all, all).forEach(m ->
                out.add(new Problem(rel(rs.folder().resolve("manifest.yaml")), 0, "description: " + m)));
    }

    private static Map<String, String> cardTexts(RecommendationDefinition def) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("title", def.title());
        texts.put("summary", def.summary());
        texts.put("detail", def.detail());
        for (int i = 0; i < def.suggestions().size(); i++) {
            Suggestion s = def.suggestions().get(i);
            texts.put("suggestion " + (i + 1) + " label", s.label());
            for (Suggestion.Action a : s.actions()) {
                texts.merge("suggestion " + (i + 1) + " action", a.description(), (x, y) -> x + " " + y);
            }
        }
        return texts;
    }

    private Set<String> parametersRead(CompiledRuleSet rs, RuleMetadata rule) {
        Set<String> names = new HashSet<>();
        for (Path drl : rs.sourceFolders().stream().flatMap(f -> files(f, ".drl").stream()).toList()) {
            RuleLines.ruleText(String.join("\n", read(drl)), rule.name())
                    .ifPresent(t -> RuleLines.parameterUses(t).forEach(u -> names.add(u.name())));
        }
        return names;
    }

    /**
     * The value-set checks alone, for the {@code valuesets/*.csv} of any definition folder (a rule set's,
     * a shared definition's or a pathway's): codes well formed, provenance header, membership of the
     * published lists named.
     */
    public List<Problem> lintValueSets(Path definitionFolder) {
        List<Problem> out = new ArrayList<>();
        ValueSetChecks checks = new ValueSetChecks(published, f -> rel(f.path()));
        for (Path file : files(definitionFolder.resolve("valuesets"), ".csv")) {
            try {
                checks.check(ValueSetFiles.parse(file), out);
            } catch (ValueSetFormatException e) {
                out.add(new Problem(rel(file), e.line(), e.reason()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private void checkDocumented(CompiledRuleSet rs, List<Problem> out) {
        String doc = Files.isRegularFile(recommendationsDoc) ? String.join("\n", read(recommendationsDoc)) : "";
        Path catalogue = rs.folder().resolve("recommendations.yaml");
        List<String> lines = read(catalogue);
        for (String code : rs.recommendations().keySet()) {
            if (!doc.contains("`" + code + "`")) {
                out.add(new Problem(rel(catalogue), codeLine(lines, code), "recommendation code " + code + " is not documented in "
                        + rel(recommendationsDoc)));
            }
        }
    }

    private static int codeLine(List<String> catalogueLines, String code) {
        int line = 0;
        for (int i = 0; i < catalogueLines.size(); i++) {
            if (catalogueLines.get(i).contains("code: " + code)) {
                line = i + 1;
            }
        }
        return line;
    }

    /** Every code needs a firing, a just-below, a suppressed and a data-quality scenario (docs/authoring.md, "3. Update and add scenarios"). */
    private void checkKinds(CompiledRuleSet rs, List<Scenario> loaded, List<Problem> out) {
        Path catalogue = rs.folder().resolve("recommendations.yaml");
        List<String> lines = read(catalogue);
        ScenarioCoverage.missing(rs.recommendations().keySet().stream().sorted().toList(), loaded).forEach((code, kinds) ->
                out.add(new Problem(rel(catalogue), codeLine(lines, code), "recommendation code " + code + " has no scenario of kind "
                        + String.join(", ", kinds.stream().map(Scenario.Kind::label).toList()))));
    }

    private void checkCoverage(CompiledRuleSet rs, Map<Path, ScenarioResult> replayed, List<Problem> out) {
        Map<String, Integer> fires = new HashMap<>();
        Map<String, Integer> mustNot = new HashMap<>();
        ScenarioRunner runner = new ScenarioRunner();
        // A shared definition's own scenarios count too: its rules are covered wherever they are proven.
        List<Path> scenarios = new ArrayList<>();
        for (Path folder : rs.sourceFolders()) {
            try {
                scenarios.addAll(ScenarioLoader.find(folder.resolve("scenarios")));
            } catch (IOException e) {
                // no scenarios folder: the coverage check below reports every rule as uncovered
            }
        }
        List<Scenario> loaded = new ArrayList<>();
        Set<String> known = new HashSet<>(knownCodes.get());
        known.addAll(rs.recommendations().keySet());
        for (Path file : scenarios) {
            try {
                ScenarioResult earlier = replayed.get(file);
                boolean reusable = earlier != null && earlier.ruleSets().equals(List.of(rs.key()));
                Scenario scenario = reusable ? earlier.scenario() : ScenarioLoader.load(file);
                loaded.add(scenario);
                checkExpectedCodes(scenario, known, out);
                ScenarioResult r = reusable ? earlier : runner.run(scenario, List.of(rs));
                Set<String> fired = new HashSet<>();
                for (FiredRule f : r.firedRules()) {
                    fired.add(f.ruleId());
                }
                for (RuleMetadata rule : rs.rules()) {
                    if (fired.contains(rule.id())) {
                        fires.merge(rule.id(), 1, Integer::sum);
                    } else if (rule.code().map(c -> r.scenario().expectAbsent().contains(c)).orElse(true)) {
                        mustNot.merge(rule.id(), 1, Integer::sum);
                    }
                }
            } catch (ScenarioException e) {
                out.add(new Problem(rel(file), 0, e.getMessage()));
            }
        }
        checkKinds(rs, loaded, out);
        for (RuleMetadata rule : rs.rules()) {
            Problem where = locate(rs, rule);
            if (!fires.containsKey(rule.id())) {
                out.add(new Problem(where.file(), where.line(), "rule " + rule.id() + " fires in no scenario"));
            }
            if (!mustNot.containsKey(rule.id())) {
                out.add(new Problem(where.file(), where.line(), "rule " + rule.id() + " has no scenario where it must not fire"
                        + rule.code().map(c -> " (one whose expect.absent lists " + c + ")").orElse("")));
            }
        }
    }

    /**
     * The codes the scenarios in {@code definitionFolder/scenarios} expect, against every code a rule set or pathway
     * defines (for a pathway's scenarios; a rule set's are checked by {@link #lint}). A scenario that does not load
     * is left to replay, which reports why.
     */
    public List<Problem> lintExpectedCodes(Path definitionFolder) {
        List<Problem> out = new ArrayList<>();
        Set<String> known = knownCodes.get();
        try {
            for (Path file : ScenarioLoader.find(definitionFolder.resolve("scenarios"))) {
                try {
                    checkExpectedCodes(ScenarioLoader.load(file), known, out);
                } catch (ScenarioException e) {
                    // replay reports a scenario that does not load
                }
            }
        } catch (IOException e) {
            // no scenarios folder: nothing is expected
        }
        return out;
    }

    /** A code in {@code expect} that nothing defines is a misspelling: under {@code absent:} it would pass silently. */
    private void checkExpectedCodes(Scenario scenario, Set<String> known, List<Problem> out) {
        List<String> lines = read(scenario.file());
        for (String code : ExpectedCodes.unknown(scenario, known)) {
            int line = 0;
            for (int i = 0; i < lines.size() && line == 0; i++) {
                line = lines.get(i).contains(code) ? i + 1 : 0;
            }
            out.add(new Problem(rel(scenario.file()), line, ExpectedCodes.message(code)));
        }
    }

    private Problem locate(CompiledRuleSet rs, RuleMetadata rule) {
        for (Path drl : rs.sourceFolders().stream().flatMap(f -> files(f, ".drl").stream()).toList()) {
            var line = RuleLines.ofRule(String.join("\n", read(drl)), rule.name());
            if (line.isPresent()) {
                return new Problem(rel(drl), line.getAsInt(), "");
            }
        }
        return new Problem(rel(rs.folder()), 0, "");
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(repoRoot) ? repoRoot.relativize(abs).toString() : abs.toString();
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
