package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.kpi.PathwayKpi;
import org.waymark.pathways.kpi.StepKpi;
import org.waymark.screening.measures.PopulationMeasures;

/**
 * The merge of the partitions' work files into the cohort files and the summary, one partition at a time in partition
 * order ({@link #add}), so that it can run while later partitions are still being screened; {@link #finish} writes the
 * rest. The cohort files are written in the work folder and moved to the output folder only when finished, so a run that
 * fails leaves no partial cohort behind. Not thread-safe: one thread adds every partition, in order.
 */
final class PartitionMerge implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SKIPPED_IN_SUMMARY = 100;
    private static final String CSV = "cohort.csv";
    private static final String NDJSON = "cohort.ndjson";
    private static final String MERGING = ".merging";

    private final Screening.Options o;
    private final Path work;
    private final PathwayKpi kpi = new PathwayKpi();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private final PopulationMeasures population = new PopulationMeasures();
    private final CohortCounts counts = new CohortCounts(population);
    private final MeasuresStep measures = new MeasuresStep(population);
    private int next;
    /** Opened at the first partition, once pass 1 has set up the work folder (it clears a stale one). */
    private OutputStream csv;
    private OutputStream nd;

    PartitionMerge(Screening.Options o, Path work) {
        this.o = o;
        this.work = work;
    }

    /** Adds partition {@code p}'s cohort lines, counts, KPI observations and skipped lines; partitions come in order, each once. */
    void add(int p) throws IOException {
        if (p != next) {
            throw new IllegalStateException("partition " + p + " merged out of order: expected " + next);
        }
        next++;
        open();
        // The partition's writer wrote its flagged rows in their final form and counted all its rows: append and add.
        Files.copy(PartFile.COHORT_NDJSON.of(work, p), nd);
        Files.copy(PartFile.COHORT_CSV.of(work, p), csv);
        try (BufferedReader in = Files.newBufferedReader(PartFile.COUNTS.of(work, p), StandardCharsets.UTF_8)) {
            counts.addFrom(in);
        }
        try (BufferedReader in = Files.newBufferedReader(PartFile.KPI.of(work, p), StandardCharsets.UTF_8)) {
            for (KpiObservation k : KpiObservation.read(in)) {
                k.addTo(kpi);
                measures.add(k);
            }
        }
        skipped.addAll(Screening.readSkipped(PartFile.SKIPPED.of(work, p)));
    }

    /** Moves the cohort files to the output folder and writes the summary and the measures, once every partition is added. */
    ObjectNode finish(Partitioner.Result partitioned, List<CompiledRuleSet> ruleSets, PathwayService pathways) throws IOException {
        if (next != o.partitions()) {
            throw new IllegalStateException(next + " of " + o.partitions() + " partitions merged");
        }
        open();
        close();
        Files.move(work.resolve(CSV + MERGING), o.out().resolve(CSV), StandardCopyOption.REPLACE_EXISTING);
        Files.move(work.resolve(NDJSON + MERGING), o.out().resolve(NDJSON), StandardCopyOption.REPLACE_EXISTING);
        skipped.addAll(0, partitioned.skipped());
        // Pass 1 and the partitions each report some lines; the analyst reads them in input order (stable: a line's reasons keep theirs).
        skipped.sort(Comparator.comparing(SkippedLine::file).thenComparingLong(SkippedLine::line));
        ObjectNode summary = JSON.createObjectNode();
        summary.put("asOf", o.asOf().toString());
        ArrayNode sets = summary.putArray("ruleSets");
        ruleSets.forEach(r -> sets.add(r.key()));
        ArrayNode pw = summary.putArray("pathways");
        pathways.registry().active().forEach(d -> pw.add(d.key()));
        counts.summarise(summary);
        ArrayNode kpis = summary.putArray("pathwayKpis");
        for (StepKpi k : kpi.results()) {
            ObjectNode n = kpis.addObject().put("pathway", k.pathway()).put("step", k.step()).put("standardStep", k.standardStep())
                    .put("instances", k.instances()).put("met", k.met()).put("breached", k.breached()).put("open", k.open());
            k.shareMet().ifPresent(s -> n.put("shareMet", Math.round(s * 10000) / 10000.0));
            if (k.standardStep()) {
                n.put("target", k.target());
            }
            k.medianTimeToStep().ifPresent(d -> n.put("medianMinutesToStep", d.toMinutes()));
        }
        ObjectNode notRead = summary.putObject("resourcesNotReadByType");
        partitioned.notReadByType().forEach(notRead::put);
        ObjectNode references = summary.putObject("referenceResourcesByType");
        partitioned.referencesByType().forEach(references::put);
        summary.put("linesRead", partitioned.lines());
        summary.put("skippedLines", skipped.size());
        ArrayNode sk = summary.putArray("skipped");
        skipped.stream().limit(MAX_SKIPPED_IN_SUMMARY).forEach(s -> sk.add(s.toString()));
        Files.write(o.out().resolve("skipped.tsv"), skipped.stream().map(s -> s.file() + "\t" + s.line() + "\t" + s.reason()).toList());
        measures.publish(o, work, summary);
        Files.writeString(o.out().resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        return summary;
    }

    private void open() throws IOException {
        if (csv == null) {
            csv = new BufferedOutputStream(Files.newOutputStream(work.resolve(CSV + MERGING)));
            csv.write(CohortCsv.HEADER.getBytes(StandardCharsets.UTF_8));
            nd = new BufferedOutputStream(Files.newOutputStream(work.resolve(NDJSON + MERGING)));
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream c = csv; OutputStream n = nd) {
            csv = null;
            nd = null;
        }
    }
}
