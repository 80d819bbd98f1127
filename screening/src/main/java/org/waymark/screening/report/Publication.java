package org.waymark.screening.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.Figure;
import org.waymark.screening.measures.MonthlySeries;
import org.waymark.screening.measures.PopulationMeasures;
import org.waymark.screening.measures.Table;
import org.waymark.screening.measures.TableCsv;

/**
 * Publishes a run's measures with its disclosure control: {@code measures-by-pcn.csv}, {@code measures-by-practice.csv},
 * {@code kpi-by-pcn.csv}, {@code breakdowns.csv}, a {@code measures} object in {@code summary.json}, and
 * {@code report.html}. All four outputs show the same published figures.
 */
public final class Publication {
    private Publication() {
    }

    public static void write(Path out, PopulationMeasures measures, Disclosure disclosure, String asOf, ObjectNode summary) throws IOException {
        write(out, measures, new MonthlySeries(List.of()), disclosure, asOf, summary);
    }

    /**
     * As {@link #write(Path, PopulationMeasures, Disclosure, String, ObjectNode)}, and, when {@code series} has months,
     * {@code measures-series.csv}, {@code kpi-series.csv}, a {@code series} object in {@code summary.json} and the KPI
     * trends in the report.
     */
    public static void write(Path out, PopulationMeasures measures, MonthlySeries series, Disclosure disclosure, String asOf,
                             ObjectNode summary) throws IOException {
        List<Table> tables = measures.publish(disclosure);
        ObjectNode json = summary.putObject("measures");
        json.put("disclosure", disclosure.marker());
        json.put("disclosureRule", disclosure.description());
        tables(out, tables, disclosure, json);
        List<Table> trends = series.months().isEmpty() ? List.of() : series.publish(disclosure);
        if (!trends.isEmpty()) {
            ObjectNode s = summary.putObject("series");
            s.put("disclosure", disclosure.marker());
            s.put("monthEnd", "23:59:59.999 on the last day of each month, England time");
            ArrayNode months = s.putArray("months");
            series.months().forEach(m -> months.add(m.toString()));
            tables(out, trends, disclosure, s);
        }
        Files.writeString(out.resolve("report.html"), ReportHtml.render(tables, trends, disclosure, asOf), StandardCharsets.UTF_8);
    }

    /** Each table as its CSV and as an array of rows in {@code json}. */
    private static void tables(Path out, List<Table> tables, Disclosure disclosure, ObjectNode json) throws IOException {
        for (Table t : tables) {
            TableCsv.write(out, t, disclosure);
            ArrayNode rows = json.putArray(t.name());
            for (List<Figure> r : t.rows()) {
                ObjectNode row = rows.addObject();
                for (int c = 0; c < t.columns().size(); c++) {
                    put(row, t.columns().get(c), r.get(c));
                }
            }
        }
    }

    /** A number where one is published, "*" where suppressed, null where it does not apply, else the label. */
    private static void put(ObjectNode row, String column, Figure f) {
        if (f.value().isPresent()) {
            double v = f.value().getAsDouble();
            if (v == Math.rint(v) && !f.text().contains(".")) {
                row.put(column, (long) v);
            } else {
                row.put(column, v);
            }
        } else if (f.text().isEmpty()) {
            row.putNull(column);
        } else {
            row.put(column, f.text());
        }
    }
}
