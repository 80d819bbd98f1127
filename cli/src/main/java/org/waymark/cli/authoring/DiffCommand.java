package org.waymark.cli.authoring;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.waymark.cli.options.AdminConnection;
import org.waymark.cli.options.Registries;
import org.waymark.cli.options.RulesFolder;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.pathways.scenario.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code waymark diff <rule-set> <from> <to> --scenarios <dir>}: which patients gain or lose which recommendations;
 * {@code waymark diff <rule-set> --shadow}: what a shadowing candidate changed on live calls (from the server's admin API).
 */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Show the effect of a new rule-set version on patient scenarios.")
public final class DiffCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULE-SET") String ruleSet;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FROM") String from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TO") String to;

    @Option(names = "--scenarios", description = "A scenario file or a folder of scenarios (searched for scenarios/ folders).") Path scenarios;

    @Option(names = "--shadow", description = "Report the differences a shadowing candidate found on live calls (needs --server and the admin token).") boolean shadow;

    @Mixin AdminConnection connection;

    @Mixin RulesFolder rules;

    @Override
    public Integer call() throws Exception {
        if (shadow) {
            return connection.print("GET", "/admin/rule-sets/" + ruleSet + "/shadow", null);
        }
        if (from == null || to == null || scenarios == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give FROM and TO versions and --scenarios, or --shadow");
        }
        RuleSets sets = rules.load();
        var a = Registries.pinned(sets, ruleSet + "@" + from, spec).orElseThrow();
        var b = Registries.pinned(sets, ruleSet + "@" + to, spec).orElseThrow();
        var files = java.nio.file.Files.isDirectory(scenarios) && ScenarioLoader.find(scenarios).isEmpty()
                ? listYaml(scenarios) : ScenarioLoader.find(scenarios);
        System.out.print(VersionDiffText.render(VersionDiff.compare(a, b, files)));
        return 0;
    }

    /** A plain folder of scenario files (not named scenarios/) is accepted too. */
    private static java.util.List<Path> listYaml(Path dir) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
    }
}
