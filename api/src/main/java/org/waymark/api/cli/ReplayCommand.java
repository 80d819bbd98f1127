package org.waymark.api.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.waymark.api.replay.JUnitXml;
import org.waymark.api.replay.Replay;
import org.waymark.api.replay.ReplayReport;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code waymark replay}: replays scenarios and exits non-zero on any failure. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay scenario files (a file, or every scenarios/ folder below a directory) through the engine.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "A scenario file, or a directory searched for scenarios/ folders.")
    Path target;

    @Option(names = "--rule-set", paramLabel = "ID@VERSION", description = "Evaluate with this version of the rule set instead.")
    String ruleSet;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
    Path junit;

    @Option(names = "--rules", defaultValue = "${env:WAYMARK_RULES:-rules}", description = "Rules folder (default ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--pathways", defaultValue = "${env:WAYMARK_PATHWAYS:-pathways/definitions}", description = "Pathway definitions folder.")
    Path pathways;

    @Override
    public Integer call() throws Exception {
        RuleSets sets = RuleSetRegistry.load(rules, Map.of()).current();
        Replay replay = new Replay(sets, new PathwayService(PathwayRegistry.load(pathways)), Registries.pinned(sets, ruleSet, spec));
        List<Replay.Outcome> outcomes = replay.run(ScenarioLoader.find(target));
        System.out.print(ReplayReport.table(outcomes));
        if (junit != null) {
            JUnitXml.write(outcomes, junit);
        }
        return outcomes.stream().allMatch(Replay.Outcome::passed) ? 0 : 1;
    }
}
