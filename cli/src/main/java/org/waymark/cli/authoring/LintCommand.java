package org.waymark.cli.authoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.waymark.cli.options.RulesFolder;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.lint.PathwayLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waymark lint [rule-set]}: every defect with its file and line; exit 1 when there is any. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Check rule sets (metadata, codes, documentation, scenario coverage) and pathways (definition, codes).")
public final class LintCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RULE-SET[@VERSION]", description = "Lint only this rule set (all its versions, or one).") String target;

    @Mixin RulesFolder rules;

    @Option(names = "--docs", description = "The recommendation-codes document (default: docs/recommendations.md beside the rules folder).") Path docs;

    @Option(names = "--pathways", description = "Pathway definitions folder (default: pathways/definitions beside the rules folder).") Path pathways;

    @Override
    public Integer call() {
        RuleSets sets = rules.load();
        Path root = rules.path().toAbsolutePath().normalize().getParent();
        Path pathwayFolder = pathways != null ? pathways : root.resolve("pathways/definitions");
        Linter linter = new Linter(root, docs != null ? docs : root.resolve("docs/recommendations.md"),
                Linter.codesOf(() -> sets, new PathwayService(PathwayRegistry.load(pathwayFolder))));
        List<RuleSetVersion> versions = sets.versions().stream().filter(v -> target == null || v.id().equals(target) || v.key().equals(target)).toList();
        Map<String, List<Problem>> pathwayProblems = new PathwayLinter(linter).lintAll(pathwayFolder);
        pathwayProblems.keySet().removeIf(key -> target != null && !key.equals(target) && !key.startsWith(target + "@"));
        if (versions.isEmpty() && pathwayProblems.isEmpty()) {
            System.out.println("no rule set or pathway matches " + target);
            return 2;
        }
        int total = 0;
        for (RuleSetVersion v : versions) {
            total += report(v.key(), linter.lint(v));
        }
        for (Map.Entry<String, List<Problem>> p : pathwayProblems.entrySet()) {
            total += report("pathway " + p.getKey(), p.getValue());
        }
        if (target == null) {
            total += report("services", linter.lintServices(rules.path().resolve("services.yaml"), sets));
        }
        System.out.println(total == 0 ? "lint clean" : total + " problems");
        return total == 0 ? 0 : 1;
    }

    private static int report(String what, List<Problem> problems) {
        System.out.println((problems.isEmpty() ? "ok    " : "FAIL  ") + what + (problems.isEmpty() ? "" : " (" + problems.size() + " problems)"));
        problems.forEach(p -> System.out.println("      " + p));
        return problems.size();
    }
}
