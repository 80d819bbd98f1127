package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * A rule-set version's rules and their probes compiled together into one KieBase (the rules derive the facts later
 * conditions match, such as frailty or care-home residence), with the parsed rules the probes came from. A probe that does
 * not compile (DRL this generic rewriting does not cover) is left out, and its condition is reported as not explained.
 */
final class ProbeBase {
    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final Pattern PROBE_RULE = Pattern.compile("waymark-explain (\\d+)");

    private final List<ParsedDrl> drl;
    private final List<Probe> probes;
    private final Set<Integer> dropped;
    private final KieBase kieBase;

    // No reference to the rule-set version: ProbeBases keys it weakly by the version's KieBase.
    private ProbeBase(List<ParsedDrl> drl, List<Probe> probes, Set<Integer> dropped, KieBase kieBase) {
        this.drl = drl;
        this.probes = probes;
        this.dropped = dropped;
        this.kieBase = kieBase;
    }

    static ProbeBase compile(CompiledRuleSet ruleSet) {
        List<DrlText> sources = DrlText.of(ruleSet);
        List<ParsedDrl> parsed = sources.stream().map(ParsedDrl::parse).toList();
        checkSameRules(ruleSet, parsed);
        List<Probe> probes = ProbeWriter.probes(parsed);
        Set<Integer> dropped = new TreeSet<>();
        // Each round leaves out the probes Drools rejected; a probe never breaks another, so two or three rounds settle.
        for (int round = 0; round < 5; round++) {
            Map<Integer, int[]> lines = new LinkedHashMap<>();
            Map<String, String> probeFiles = ProbeWriter.files(parsed, probes, dropped, lines);
            KieServices ks = KieServices.Factory.get();
            KieFileSystem kfs = ks.newKieFileSystem();
            ReleaseId release = ks.newReleaseId("org.waymark.explain", ruleSet.id(), ruleSet.version() + "-p" + BUILDS.incrementAndGet());
            kfs.generateAndWritePomXML(release);
            sources.forEach(s -> kfs.write(RESOURCES + s.name(), s.text()));
            probeFiles.forEach((name, text) -> kfs.write(RESOURCES + probeFile(name), text));
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (errors.isEmpty()) {
                KieBase kieBase = ks.newKieContainer(release).getKieBase();
                ks.getRepository().removeKieModule(release);
                return new ProbeBase(parsed, probes, dropped, kieBase);
            }
            Set<Integer> failing = failing(errors, probes, lines);
            if (failing.isEmpty()) {
                throw new IllegalStateException("explanation rules for " + ruleSet.key() + " do not compile: " + errors.get(0).getText());
            }
            dropped.addAll(failing);
        }
        throw new IllegalStateException("explanation rules for " + ruleSet.key() + " do not compile");
    }

    private static String probeFile(String name) {
        return name.substring(0, name.length() - ".drl".length()) + "-waymark-explain.drl";
    }

    /** The probes an error names (by rule name) or points into (by line of its probe file). */
    private static Set<Integer> failing(List<Message> errors, List<Probe> probes, Map<Integer, int[]> lines) {
        Set<Integer> out = new HashSet<>();
        for (Message m : errors) {
            Matcher named = PROBE_RULE.matcher(m.getText());
            while (named.find()) {
                out.add(Integer.parseInt(named.group(1)));
            }
            String path = m.getPath() == null ? "" : m.getPath();
            for (Probe p : probes) {
                int[] range = lines.get(p.id());
                if (range != null && path.endsWith(probeFile(p.file())) && m.getLine() >= range[0] && m.getLine() <= range[1]) {
                    out.add(p.id());
                }
            }
        }
        return out;
    }

    /** The files on disk must be the ones the version was compiled from; a changed folder needs a reload first. */
    private static void checkSameRules(CompiledRuleSet ruleSet, List<ParsedDrl> parsed) {
        Set<String> onDisk = new TreeSet<>();
        parsed.forEach(f -> f.rules().forEach(r -> onDisk.add(r.name())));
        Set<String> loaded = new TreeSet<>(ruleSet.rules().stream().map(RuleMetadata::name).toList());
        if (!onDisk.equals(loaded)) {
            throw new IllegalStateException("the rules of " + ruleSet.key() + " on disk differ from the loaded version: reload it first");
        }
    }

    KieBase kieBase() {
        return kieBase;
    }

    List<ParsedDrl> drl() {
        return drl;
    }

    /** The compiled probes of one condition. */
    List<Probe> probes(String rule, int element) {
        List<Probe> out = new ArrayList<>();
        for (Probe p : probes) {
            if (p.rule().equals(rule) && p.element() == element && !dropped.contains(p.id())) {
                out.add(p);
            }
        }
        return out;
    }
}
