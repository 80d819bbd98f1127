package org.waymark.api.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.DrlSource;
import org.waymark.engine.ruleset.RuleLines;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * What each rule of a version does, by rule id: its conditions and actions as written in the DRL, without its name,
 * annotations, comments or layout. Two versions whose rule has the same body and metadata make the same decisions, so
 * the evidence pack reports a rule as changed when either differs, not only when its metadata does.
 */
final class RuleBodies {
    private RuleBodies() {
    }

    static Map<String, String> of(CompiledRuleSet version) {
        String drl = drlText(version.sourceFolders());
        Map<String, String> out = new HashMap<>();
        for (RuleMetadata rule : version.rules()) {
            RuleLines.ruleText(drl, rule.name()).ifPresent(text -> out.put(rule.id(), normalised(text)));
        }
        return out;
    }

    /** The body after the {@code rule "name"} line, each line stripped of comments and annotations, spaces collapsed. */
    static String normalised(String ruleText) {
        StringBuilder out = new StringBuilder();
        List<String> lines = ruleText.lines().skip(1).toList();
        for (String line : lines) {
            String code = line.replaceFirst("//.*$", "").strip();
            if (!code.isEmpty() && !code.startsWith("@")) {
                out.append(code.replaceAll("\\s+", " ")).append('\n');
            }
        }
        return out.toString();
    }

    private static String drlText(List<Path> folders) {
        StringBuilder all = new StringBuilder();
        for (Path folder : folders) {
            try {
                DrlSource.in(folder).forEach(drl -> all.append(drl.text()).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the DRL of " + folder, e);
            }
        }
        return all.toString();
    }
}
