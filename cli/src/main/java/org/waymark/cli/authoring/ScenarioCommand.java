package org.waymark.cli.authoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.RulesFolder;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code waymark scenario from-request}: a tester's starting point for a new scenario. */
@Command(name = "scenario", mixinStandardHelpOptions = true, description = "Make scenarios.", subcommands = ScenarioCommand.FromRequest.class)
public final class ScenarioCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    @Command(name = "from-request", mixinStandardHelpOptions = true,
            description = "Turn a CDS Hooks request or a FHIR Bundle into a scenario whose expectations are what Waymark "
                    + "recommends for it now (review them before committing the scenario).")
    static final class FromRequest implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A CDS Hooks request (JSON) or a FHIR Bundle or resource (JSON).") Path input;

        @Option(names = "--as-of", required = true, paramLabel = "INSTANT|DATE", description = "The scenario's evaluation instant.") String asOf;

        @Option(names = "--title", description = "The scenario's title (default: made from the file name).") String title;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the scenario here (default: standard output). Put it in a rule set's scenarios/ folder to replay it with that version.") Path out;

        @Option(names = "--keep-identifiers", description = "Keep the Patient's name, identifiers and contact details (off: removed).") boolean keepIdentifiers;

        @Mixin RulesFolder rules;

        @Mixin PathwaysFolder pathways;

        @Override
        public Integer call() throws IOException {
            ScenarioDraft draft;
            try {
                draft = ScenarioDraft.of(JSON.readTree(input.toFile()), keepIdentifiers);
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println(input + ": " + e.getMessage());
                return 2;
            }
            ObjectNode scenario = JsonNodeFactory.instance.objectNode();
            scenario.put("title", title != null ? title : "From " + input.getFileName());
            scenario.put("asOf", asOf);
            scenario.put("hook", draft.hook());
            scenario.set("bundle", draft.bundle());
            // First with no expectation, to learn what is recommended now; then that becomes the expectation.
            Path target = out != null ? out : Files.createTempFile("scenario", ".yaml");
            try {
                YAML.writeValue(target.toFile(), scenario);
                RuleSets sets = rules.load();
                var loaded = ScenarioLoader.loadDraft(target);
                ScenarioRunner runner = new ScenarioRunner(pathways.service());
                ScenarioResult result = runner.run(loaded, runner.ruleSetsFor(loaded, sets));
                ObjectNode expect = scenario.putObject("expect");
                if (result.actual().isEmpty()) {
                    TreeSet<String> every = new TreeSet<>();
                    for (CompiledRuleSet rs : runner.ruleSetsFor(loaded, sets)) {
                        every.addAll(rs.recommendations().keySet());
                    }
                    every.forEach(expect.putArray("absent")::add);
                } else {
                    List.copyOf(result.actual()).forEach(expect.putArray("present")::add);
                }
                String yaml = "# Made by 'waymark scenario from-request' from " + input.getFileName()
                        + ": the expectations are what Waymark recommended then. Review them, and add a kind:.\n"
                        + YAML.writeValueAsString(scenario);
                if (out != null) {
                    Files.writeString(out, yaml);
                    spec.commandLine().getOut().println("wrote " + out);
                } else {
                    spec.commandLine().getOut().print(yaml);
                }
                return 0;
            } catch (ScenarioException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            } finally {
                if (out == null) {
                    Files.deleteIfExists(target);
                }
            }
        }
    }
}
