package org.waymark.screening.report;

import static org.waymark.screening.report.Markup.escape;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.Figure;
import org.waymark.screening.measures.MonthlySeries;
import org.waymark.screening.measures.PopulationMeasures;
import org.waymark.screening.measures.Table;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG; no scripts, fonts or network) with the cohort size
 * per PCN, each pathway's KPI per PCN against its standard, with a monthly series its KPI trends against the standard, and the breakdowns by each dimension the data has. Every
 * chart has a captioned table with the same published figures beneath it.
 */
final class ReportHtml {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem;color:#212b32;max-width:60rem}
            h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #005eb8}
            .note{background:#e8edee;padding:.75rem 1rem;border-left:4px solid #005eb8}
            .warning{background:#fff9c4;padding:.75rem 1rem;border-left:6px solid #d5281b;font-weight:bold}
            table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.25rem 0}
            th,td{border:1px solid #aeb7bd;padding:.25rem .5rem;text-align:left}td.n{text-align:right}
            .chart .bar{fill:#005eb8}.chart .grid{stroke:#d8dde0}.chart .tick,.chart .x-label{font-size:11px;fill:#425563}
            .chart .standard{stroke:#d5281b;stroke-width:2}.chart .standard-label{font-size:11px;fill:#d5281b}
            .chart .withheld{font-size:14px;fill:#425563}.chart .series{stroke:#005eb8;stroke-width:2}.chart .point{fill:#005eb8}
            figure{margin:1rem 0}
            """;

    private final StringBuilder html = new StringBuilder();
    private int charts;

    private ReportHtml() {
    }

    /** {@code trends}: the monthly series' tables, empty when the run has none. */
    static String render(List<Table> tables, List<Table> trends, Disclosure disclosure, String asOf) {
        Map<String, Table> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        trends.forEach(t -> byName.put(t.name(), t));
        ReportHtml r = new ReportHtml();
        r.html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Waymark population measures as of ")
                .append(escape(asOf)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Waymark population measures as of ").append(escape(asOf)).append("</h1>\n")
                .append("<p class=\"").append(disclosure.suppress() ? "note" : "warning").append("\" id=\"disclosure\" data-disclosure=\"")
                .append(disclosure.marker()).append("\">").append(escape(disclosure.description())).append("</p>\n");
        r.cohort(byName.get(PopulationMeasures.BY_PCN));
        r.kpis(byName.get(PopulationMeasures.KPI_BY_PCN));
        if (byName.containsKey(MonthlySeries.KPIS)) {
            r.trends(byName.get(MonthlySeries.KPIS));
        }
        r.breakdowns(byName.get(PopulationMeasures.BREAKDOWNS));
        r.html.append("<p>The figures are also in measures-by-pcn.csv, measures-by-practice.csv, kpi-by-pcn.csv, breakdowns.csv")
                .append(trends.isEmpty() ? "" : ", measures-series.csv, kpi-series.csv").append(" and summary.json.</p>\n")
                .append("</main>\n</body>\n</html>\n");
        return r.html.toString();
    }

    private void cohort(Table t) {
        html.append("<section aria-labelledby=\"cohort\">\n<h2 id=\"cohort\">Registered patients screened per PCN</h2>\n");
        List<List<Figure>> rows = rowsWhere(t, "measure", "registered");
        chart("Registered patients per PCN", "", OptionalDouble.empty(), t, rows, "pcn", "count",
                List.of("PCN", "Registered patients"), List.of("pcn", "count"));
        html.append("</section>\n");
    }

    private void kpis(Table t) {
        open("kpis", "Pathway time standards per PCN",
                "Share of decided instances (met or breached) that met the pathway's time standard; open instances are not yet counted. Times in hours.");
        Map<String, List<List<Figure>>> byStep = grouped(rowsWhere(t, "standard_step", "true"), r -> text(t, r, "pathway") + " / " + text(t, r, "step"));
        byStep.forEach((step, rows) -> chart(step + ": % met per PCN", "%", rows.get(0).get(t.column("target_percent")).value(), t, rows,
                "pcn", "percent_met",
                List.of("PCN", "Instances", "Met", "Breached", "Open", "% met", "Standard %", "Median hours to done", "90th centile hours to done"),
                List.of("pcn", "instances", "met", "breached", "open", "percent_met", "target_percent", "median_hours_to_done", "p90_hours_to_done")));
        close(byStep.isEmpty(), "No pathway instances with a time standard in this population.");
    }

    /** Each time-standard step's % met per month, one line per PCN, against its standard; then the figures as a table. */
    private void trends(Table t) {
        open("trends", "KPI trends against the standard",
                "Each month evaluated as of 23:59:59.999 on its last day, England time: share of decided instances that met the standard.");
        Map<String, List<List<Figure>>> byStep = grouped(t.rows(), r -> text(t, r, "pathway_step"));
        byStep.forEach((step, rows) -> {
            String id = "chart-" + ++charts;
            String title = step + ": % met per month";
            List<SvgChart.Series> series = grouped(rows, r -> text(t, r, "pcn")).entrySet().stream().map(e -> new SvgChart.Series(e.getKey(),
                    e.getValue().stream().map(r -> new SvgChart.Point(YearMonth.parse(text(t, r, "month")), r.get(t.column("percent_met")))).toList()))
                    .toList();
            html.append("<figure aria-labelledby=\"").append(id).append("-caption\">\n")
                    .append(SvgChart.monthly(id, title, "%", series, rows.get(0).get(t.column("target_percent")).value()));
            table(id, title, t, rows, List.of("Month", "PCN", "Met", "Decided", "% met", "Standard %"),
                    List.of("month", "pcn", "met", "decided", "percent_met", "target_percent"));
        });
        close(byStep.isEmpty(), "No decided pathway instances with a time standard in any month of the series.");
    }

    /** A report section with its heading and what its figures mean. */
    private void open(String id, String heading, String intro) {
        html.append("<section aria-labelledby=\"").append(id).append("\">\n<h2 id=\"").append(id).append("\">").append(Markup.escape(heading))
                .append("</h2>\n<p>").append(Markup.escape(intro)).append("</p>\n");
    }

    /** Ends a section, saying so when it had nothing to show. */
    private void close(boolean empty, String whenEmpty) {
        if (empty) {
            html.append("<p>").append(Markup.escape(whenEmpty)).append("</p>\n");
        }
        html.append("</section>\n");
    }

    private void breakdowns(Table t) {
        html.append("<section aria-labelledby=\"breakdowns\">\n<h2 id=\"breakdowns\">Patients with anything to act on, by group</h2>\n")
                .append("<p>Patients with a recommendation or an overdue pathway step, per 1,000 registered patients in the group.</p>\n");
        Map<String, List<List<Figure>>> byDimension = grouped(rowsWhere(t, "measure", "patients_flagged"), r -> text(t, r, "dimension"));
        byDimension.forEach((dimension, rows) -> chart("Per 1,000 registered patients by " + dimension.replace('_', ' '), " per 1,000",
                OptionalDouble.empty(), t, rows, "group", "rate_per_1000",
                List.of(dimension.replace('_', ' '), "Registered patients", "Patients with anything to act on", "Per 1,000"),
                List.of("group", "registered", "count", "rate_per_1000")));
        html.append("</section>\n");
    }

    /** A chart of one column per row, then its table equivalent with the given columns. */
    private void chart(String title, String unit, OptionalDouble standard, Table t, List<List<Figure>> rows, String labelColumn,
                       String valueColumn, List<String> headings, List<String> columns) {
        String id = "chart-" + ++charts;
        List<SvgChart.Bar> bars = rows.stream().map(r -> new SvgChart.Bar(text(t, r, labelColumn), r.get(t.column(valueColumn)))).toList();
        html.append("<figure aria-labelledby=\"").append(id).append("-caption\">\n").append(SvgChart.bars(id, title, unit, bars, standard));
        table(id, title, t, rows, headings, columns);
    }

    /** Closes the chart's figure with its caption, then its table equivalent with the given columns. */
    private void table(String id, String title, Table t, List<List<Figure>> rows, List<String> headings, List<String> columns) {
        html.append("<figcaption id=\"").append(id).append("-caption\">").append(escape(title)).append("</figcaption>\n</figure>\n")
                .append("<table id=\"").append(id).append("-table\" data-source=\"").append(t.name()).append(".csv\">\n<caption>")
                .append(escape(title)).append(" (table)</caption>\n<thead><tr>");
        for (int c = 0; c < columns.size(); c++) {
            html.append("<th scope=\"col\" data-column=\"").append(columns.get(c)).append("\">").append(escape(headings.get(c))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<Figure> r : rows) {
            // data-row: the row's place in the CSV, so the table can be checked against the file.
            html.append("<tr data-row=\"").append(t.rows().indexOf(r)).append("\">");
            for (int c = 0; c < columns.size(); c++) {
                Figure f = r.get(t.column(columns.get(c)));
                html.append(c == 0 ? "<th scope=\"row\">" : "<td class=\"n\">").append(escape(f.text())).append(c == 0 ? "</th>" : "</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Rows grouped by a key, in their order: one chart per group. */
    private static Map<String, List<List<Figure>>> grouped(List<List<Figure>> rows, Function<List<Figure>, String> key) {
        Map<String, List<List<Figure>>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static List<List<Figure>> rowsWhere(Table t, String column, String value) {
        int c = t.column(column);
        return t.rows().stream().filter(r -> r.get(c).text().equals(value)).toList();
    }

    private static String text(Table t, List<Figure> row, String column) {
        return row.get(t.column(column)).text();
    }
}
