package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.waymark.screening.measures.PopulationMeasures;

/**
 * What the merge counts of cohort rows: the summary's patients, flagged patients and patients per recommendation code,
 * overdue step and PCN, and the measures' patient counts. A partition's writer counts its own rows and writes the
 * counts ({@link #write}), and the merge adds each partition's ({@link #addFrom}) instead of reading every row back.
 * All are sums, so the total does not depend on how rows are shared out or in what order they come. Its one codec is
 * that JSON.
 */
final class CohortCounts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> perCode = new TreeMap<>();
    private final Map<String, Map<String, Long>> perPcn = new TreeMap<>();
    private final Map<String, Long> overdue = new TreeMap<>();
    /** Patient counts only: the KPIs are counted from the observations. */
    private final PopulationMeasures measures;
    private long patients;
    private long flagged;

    CohortCounts(PopulationMeasures measures) {
        this.measures = measures;
    }

    void add(CohortRow row) {
        measures.add(MeasuresStep.patient(row));
        patients++;
        if (row.flagged()) {
            flagged++;
        }
        Map<String, Long> pcnCounts = perPcn.computeIfAbsent(row.pcn().isEmpty() ? "(unknown)" : row.pcn(), k -> new TreeMap<>());
        pcnCounts.merge("patients", 1L, Long::sum);
        row.recommendations().forEach(c -> {
            perCode.merge(c, 1L, Long::sum);
            pcnCounts.merge(c, 1L, Long::sum);
        });
        row.overdueSteps().forEach(s -> overdue.merge(s, 1L, Long::sum));
    }

    void write(Writer out) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("patients", patients).put("flagged", flagged);
        perCode.forEach(root.putObject("perCode")::put);
        overdue.forEach(root.putObject("overdueSteps")::put);
        ObjectNode pcns = root.putObject("perPcn");
        perPcn.forEach((pcn, counts) -> counts.forEach(pcns.putObject(pcn)::put));
        ArrayNode groups = root.putArray("measures");
        measures.forEachPatientCount((table, group, measure, n) -> {
            ArrayNode count = groups.addArray().add(table);
            group.forEach(count.addArray()::add);
            count.add(measure).add(n);
        });
        JSON.writeValue(out, root);
    }

    /** Adds the counts {@link #write} wrote. */
    void addFrom(Reader in) throws IOException {
        JsonNode root = JSON.readTree(in);
        patients += root.path("patients").asLong();
        flagged += root.path("flagged").asLong();
        root.path("perCode").fields().forEachRemaining(e -> perCode.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        root.path("overdueSteps").fields().forEachRemaining(e -> overdue.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        root.path("perPcn").fields().forEachRemaining(pcn -> {
            Map<String, Long> counts = perPcn.computeIfAbsent(pcn.getKey(), k -> new TreeMap<>());
            pcn.getValue().fields().forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        });
        for (JsonNode count : root.path("measures")) {
            List<String> group = new ArrayList<>();
            count.get(1).forEach(label -> group.add(label.asText()));
            measures.addPatientCount(count.get(0).asText(), group, count.get(2).asText(), count.get(3).asLong());
        }
    }

    /** Puts the summary's counts, in its order: patients, flagged patients, per code, per overdue step, per PCN. */
    void summarise(ObjectNode summary) {
        summary.put("patients", patients);
        summary.put("patientsWithRecommendations", flagged);
        perCode.forEach(summary.putObject("perRecommendationCode")::put);
        overdue.forEach(summary.putObject("overdueSteps")::put);
        ObjectNode pcns = summary.putObject("perPcn");
        perPcn.forEach((pcn, counts) -> counts.forEach(pcns.putObject(pcn)::put));
    }
}
