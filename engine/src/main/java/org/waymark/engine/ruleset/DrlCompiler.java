package org.waymark.engine.ruleset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.ruleset.RuleMetadata;
import org.waymark.engine.valueset.ValueSets;

/**
 * Compiles a rule set's DRL with Drools at run time and checks what Drools cannot: every rule has its
 * clinical metadata, every recommendation code is in the catalogue, and every parameter and value set the
 * DRL names exists. Problems carry the DRL file and line. A version that compiled and passed those checks is kept (see
 * {@link KeptKnowledge}); the next compilation of the same DRL by the same engine rebuilds its KieBase from the kept bytes
 * instead, and checks it as a compiled one. Nothing is kept of a version that failed, so its problems always come from
 * compiling.
 */
final class DrlCompiler {
    /** A DRL file: its path relative to the repository and its text. */
    record DrlFile(String path, String text) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DrlCompiler.class);
    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    private static final Pattern VALUE_SET = Pattern.compile("\\bin\\(\\s*\"([^\"]+)\"\\s*\\)");
    /**
     * Given to Drools beside every rule set's files (not written in them). Drools declares {@code java.util.Collection}
     * not typesafe, so a constraint on an accumulate's result ({@code Set( size >= params.integer("...") )}) that names a
     * global or another binding is compiled "dynamic", and Drools never jits a dynamic constraint: it runs in MVEL's
     * reflective interpreter at every evaluation. Declared typesafe, these are jitted like every other constraint.
     */
    static final DrlFile TYPESAFE_COLLECTIONS = new DrlFile("org/waymark/engine/compiled/collections.drl", """
            package org.waymark.engine.compiled;

            declare java.util.Set @typesafe(true) end
            declare java.util.List @typesafe(true) end
            """);

    private final Problems problems;
    private final KeptKnowledge kept;

    DrlCompiler(Problems problems, KeptKnowledge kept) {
        this.problems = problems;
        this.kept = kept;
    }

    /** What compiling gives: the rules' knowledge base and their metadata, sorted by id. */
    record Compiled(KieBase kieBase, List<RuleMetadata> rules) {
    }

    /**
     * Compiles the DRL of rule set (or shared definition) {@code ruleSetId}; empty when it does not compile or its rules are
     * not right. {@code sharedRules}: the rules of the shared definitions it uses, whose ids its own rules may not take.
     */
    Optional<Compiled> compile(String ruleSetId, String version, List<DrlFile> drl, ValueSets valueSets, Parameters parameters,
                               Map<String, RecommendationDefinition> recommendations, List<RuleMetadata> sharedRules) {
        int before = problems.list().size();
        checkReferences(drl, valueSets, parameters);
        String key = KnowledgeKey.of(kept.build(), ruleSetId, version, drl);
        Optional<KieBase> rebuilt = rebuild(ruleSetId, version, key);
        Optional<KieBase> kieBase = rebuilt.isPresent() ? rebuilt : compileDrl(ruleSetId, version, drl);
        if (kieBase.isEmpty()) {
            return Optional.empty();
        }
        List<RuleMetadata> rules = checkRules(kieBase.get(), drl, recommendations, ruleSetId, parameters, sharedRules);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        // Only a version with no problem at all is kept, so a failing version is compiled, and its problems found, every time.
        if (rebuilt.isEmpty() && !problems.any() && kept != KeptKnowledge.NONE) {
            keep(ruleSetId, version, key, kieBase.get());
        }
        return Optional.of(new Compiled(kieBase.get(), rules));
    }

    /** The KieBase rebuilt from knowledge kept under {@code key}; empty when none is kept or it cannot be read. */
    private Optional<KieBase> rebuild(String ruleSetId, String version, String key) {
        Optional<byte[]> bytes = kept.read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            KieBase kieBase = KnowledgeBytes.kieBase(bytes.get());
            LOG.info("rule set {}@{}: rebuilt from compiled knowledge kept under {}, not compiled", ruleSetId, version, key);
            return Optional.of(kieBase);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.warn("rule set {}@{}: the compiled knowledge kept under {} cannot be read ({}); compiling", ruleSetId, version, key, e.toString());
            return Optional.empty();
        }
    }

    private void keep(String ruleSetId, String version, String key, KieBase kieBase) {
        try {
            kept.keep(key, KnowledgeBytes.of(kieBase));
        } catch (IOException | RuntimeException e) {
            LOG.warn("rule set {}@{}: its compiled knowledge cannot be kept ({}); it is compiled at the next start", ruleSetId, version, e.toString());
        }
    }

    /** Compiles with Drools; empty, with the problems added, when the DRL does not compile. */
    private Optional<KieBase> compileDrl(String ruleSetId, String version, List<DrlFile> drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A unique release per build: the same rule-set version may be reloaded while an older build still serves.
        ReleaseId release = ks.newReleaseId("org.waymark.rules", ruleSetId, version + "-b" + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(release);
        for (DrlFile f : drl) {
            kfs.write(RESOURCES + f.path(), f.text());
        }
        kfs.write(RESOURCES + TYPESAFE_COLLECTIONS.path(), TYPESAFE_COLLECTIONS.text());
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        Set<String> filesWithParserErrors = new HashSet<>();
        for (Message m : errors) {
            String path = m.getPath() == null ? drl.get(0).path() : m.getPath().replaceFirst("^" + RESOURCES, "");
            String text = drl.stream().filter(f -> f.path().equals(path)).map(DrlFile::text).findFirst().orElse("");
            int line = Math.max(m.getLine(), 0);
            if (ParseErrorLines.isParserError(m.getText())) {
                filesWithParserErrors.add(path);
                int authored = ParseErrorLines.authored(text, line, m.getText());
                problems.add(path, authored, ParseErrorLines.message(m.getText(), line, authored));
            } else if (!(m.getText().contains(NULL_PACKAGE) && filesWithParserErrors.contains(path))) {
                // "Parser returned a null Package" only repeats that the file did not parse
                problems.add(path, line, m.getText().strip());
            }
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        ks.getRepository().removeKieModule(release);
        return Optional.of(kieBase);
    }

    private void checkReferences(List<DrlFile> drl, ValueSets valueSets, Parameters parameters) {
        for (DrlFile f : drl) {
            for (RuleLines.ParameterUse p : RuleLines.parameterUses(f.text())) {
                if (!parameters.has(p.name())) {
                    problems.add(f.path(), RuleLines.ofOffset(f.text(), p.offset()), "unknown parameter '" + p.name() + "' (not in parameters.yaml)");
                }
            }
            Matcher v = VALUE_SET.matcher(f.text());
            while (v.find()) {
                if (valueSets.get(v.group(1)).isEmpty()) {
                    problems.add(f.path(), RuleLines.ofOffset(f.text(), v.start()), "unknown value set '" + v.group(1) + "' (no valuesets/" + v.group(1) + ".csv)");
                }
            }
        }
    }

    private List<RuleMetadata> checkRules(KieBase kieBase, List<DrlFile> drl, Map<String, RecommendationDefinition> recommendations,
                                          String ruleSetId, Parameters parameters, List<RuleMetadata> sharedRules) {
        List<RuleMetadata> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        sharedRules.forEach(r -> ids.add(r.id()));
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Location where = locate(drl, rule.getName());
                List<String> unknown = new ArrayList<>();
                RuleMetadata meta = RuleMetadata.of(rule).withParameters(parameters, unknown);
                unknown.forEach(n -> problems.add(where.file, where.line, "rule \"" + rule.getName() + "\": @checked names {{" + n
                        + "}}, which is not a parameter"));
                for (String key : RuleMetadata.REQUIRED) {
                    if (!rule.getMetaData().containsKey(key) || rule.getMetaData().get(key).toString().isBlank()) {
                        problems.add(where.file, where.line, "rule \"" + rule.getName() + "\" has no @" + key);
                    }
                }
                if (!meta.id().isEmpty() && !ids.add(meta.id())) {
                    problems.add(where.file, where.line, "rule id '" + meta.id() + "' is used by more than one rule");
                }
                meta.code().ifPresent(code -> {
                    if (!recommendations.containsKey(code)) {
                        problems.add(where.file, where.line, "rule \"" + rule.getName() + "\" recommends '" + code
                                + "', which recommendations.yaml does not define");
                    } else if (!code.startsWith(ruleSetId + ".")) {
                        problems.add(where.file, where.line, "code '" + code + "' must start with '" + ruleSetId + ".'");
                    }
                });
                out.add(meta);
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    private record Location(String file, int line) {
    }

    private static Location locate(List<DrlFile> drl, String ruleName) {
        for (DrlFile f : drl) {
            var line = RuleLines.ofRule(f.text(), ruleName);
            if (line.isPresent()) {
                return new Location(f.path(), line.getAsInt());
            }
        }
        return new Location(drl.isEmpty() ? "" : drl.get(0).path(), 0);
    }
}
