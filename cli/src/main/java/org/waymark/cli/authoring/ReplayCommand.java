package org.waymark.cli.authoring;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.waymark.cli.options.OutputFormat;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.PinnedRuleSet;
import org.waymark.cli.options.RulesFolder;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.pathways.scenario.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code waymark replay}: replays scenarios and exits non-zero on any failure. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay scenario files (a file, or every scenarios/ folder below a directory) through the engine.")
public final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "A scenario file, or a directory searched for scenarios/ folders.") Path target;

    @Mixin PinnedRuleSet pinned;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.") Path junit;

    @Option(names = "--filter", paramLabel = "TEXT", description = "Replay only scenarios whose suite or id contains this text (e.g. proactive-care@1.0.0, or medication-review); '*' matches any characters.") String filter;

    @Mixin OutputFormat format;

    @Mixin RulesFolder rules;

    @Mixin PathwaysFolder pathways;

    @Override
    public Integer call() throws Exception {
        RuleSets sets = rules.load();
        Replay replay = new Replay(sets, pathways.service(), pinned.resolve(sets));
        Instant started = Instant.now();
        List<Replay.Outcome> outcomes = replay.run(ScenarioLoader.find(target)).stream()
                .filter(o -> filter == null || ScenarioFilter.matches(filter, o.suite() + "/" + o.id())).toList();
        if (outcomes.isEmpty()) {
            spec.commandLine().getErr().println("no scenarios found under " + target + (filter == null ? "" : " matching '" + filter + "'"));
            return 2;
        }
        System.out.print(format.json() ? ReplayJson.of(outcomes) : ReplayReport.table(outcomes));
        if (junit != null) {
            JUnitXml.write(outcomes, started, junit);
        }
        return outcomes.stream().allMatch(Replay.Outcome::passed) ? 0 : 1;
    }
}
