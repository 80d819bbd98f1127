package org.waymark.engine.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.DrlSource;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleLines;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * A recommending rule's {@code @checked} wording gives one clause per top-level {@code not} condition. The card lists
 * the clauses as what was checked and not recorded, so a clause missing, or one too many, misstates what the rule
 * decided on. The wording itself stays the author's; lint checks that it accounts for every absence the rule tests.
 */
final class CheckedWording {
    private CheckedWording() {
    }

    static void check(CompiledRuleSet rs, Function<Path, String> rel, List<Problem> out) {
        Map<String, RuleMetadata> byName = rs.rules().stream().collect(Collectors.toMap(RuleMetadata::name, Function.identity(), (a, b) -> a));
        for (DrlSource drl : drlSources(rs.folder())) {
            String text = drl.text();
            for (RuleDescr rule : rules(text)) {
                RuleMetadata meta = byName.get(rule.getName());
                if (meta == null || meta.code().isEmpty()) {
                    continue;
                }
                long nots = rule.getLhs().getDescrs().stream().filter(NotDescr.class::isInstance).count();
                if (nots != meta.checked().size()) {
                    out.add(new Problem(rel.apply(drl.file()), RuleLines.ofRule(text, rule.getName()).orElse(0), meta.id() + ": @checked gives "
                            + meta.checked().size() + " clause(s) for " + nots + " 'not' condition(s); write one clause per 'not', separated by"
                            + " ';' (the card lists them as checked and not recorded)"));
                }
            }
        }
    }

    /** The file's rules, or none when it does not parse (loading reports that, on the author's line). */
    private static List<RuleDescr> rules(String text) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pkg = parser.parse(false, text);
            return pkg == null || parser.hasErrors() ? List.of() : pkg.getRules();
        } catch (DroolsParserException e) {
            return List.of();
        }
    }

    private static List<DrlSource> drlSources(Path folder) {
        try {
            return DrlSource.in(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
