package org.waymark.cli.population;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.waymark.cli.options.CommandGroup;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.Population;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.kpi.KpiTable;
import org.waymark.pathways.kpi.PathwayKpi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code waymark pathways kpi}: time-standard KPIs over a folder of patient records. */
@Command(name = "pathways", mixinStandardHelpOptions = true, description = "Care-pathway tools.", subcommands = PathwaysCommand.Kpi.class)
public final class PathwaysCommand extends CommandGroup {
    @Command(name = "kpi", mixinStandardHelpOptions = true,
            description = "Per pathway and step: instances, met within standard, breached, share met, median time to step; "
                    + "over the patient records in --input: FHIR Bundle JSON files (*.json) or scenario files (*.yaml).")
    static final class Kpi implements Callable<Integer> {
        @Mixin Population population;

        @Mixin PathwaysFolder pathways;

        @Override
        public Integer call() throws Exception {
            PathwayService service = pathways.service();
            PathwayKpi kpi = new PathwayKpi();
            Instant at = population.asOf();
            EvaluationTime time = EvaluationTime.of(at);
            ScenarioRunner scenarios = new ScenarioRunner();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(population.input())) {
                files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
            }
            for (Path f : files) {
                var record = f.toString().endsWith(".json") ? RecordStream.read(Files.readAllBytes(f), at)
                        : scenarios.record(ScenarioLoader.load(f));
                kpi.add(service.instances(record, time));
            }
            System.out.println(files.size() + " patient records as of " + at);
            System.out.print(KpiTable.render(kpi.results()));
            return 0;
        }
    }
}
