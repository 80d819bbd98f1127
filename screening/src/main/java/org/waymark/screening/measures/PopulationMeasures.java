package org.waymark.screening.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Population measures from the screened patients and their pathway step outcomes: counts and rates per 1,000
 * registered patients per PCN, per practice and per stratum of each {@link Dimension}, and pathway KPIs per PCN against
 * their standards. Counts are exact here; {@link #publish} applies the {@link Disclosure}. Not thread-safe; one per run.
 */
public final class PopulationMeasures {
    public static final String BY_PCN = "measures-by-pcn";
    public static final String BY_PRACTICE = "measures-by-practice";
    public static final String KPI_BY_PCN = "kpi-by-pcn";
    public static final String BREAKDOWNS = "breakdowns";

    private final GroupCounts byPcn = new GroupCounts(List.of("pcn"));
    private final GroupCounts byPractice = new GroupCounts(List.of("practice", "pcn"));
    private final GroupCounts breakdowns = new GroupCounts(List.of("dimension", "group"));
    /** PCN, pathway, step: the KPI figures. */
    private final Map<List<String>, StepTimes> kpis = new TreeMap<>((a, b) -> String.join("\n", a).compareTo(String.join("\n", b)));

    public void add(ScreenedPatient p) {
        List<String> measures = GroupCounts.measuresOf(p);
        byPcn.add(List.of(p.pcn()), measures);
        byPractice.add(List.of(p.practice(), p.pcn()), measures);
        p.strata().forEach((dimension, group) -> breakdowns.add(List.of(dimension.column(), group), measures));
    }

    /**
     * Every patient count there is so far (each table's groups and measures; the KPIs are not among them), for a caller
     * that counts a share of the patients apart and adds it to another instance by {@link #addPatientCount}.
     */
    public void forEachPatientCount(PatientCount to) {
        byPcn.forEach(BY_PCN, to);
        byPractice.forEach(BY_PRACTICE, to);
        breakdowns.forEach(BREAKDOWNS, to);
    }

    /**
     * Adds a count {@link #forEachPatientCount} gave: counts are sums, so adding each share's counts gives what adding
     * each of their patients would.
     */
    public void addPatientCount(String table, List<String> group, String measure, long n) {
        GroupCounts counts = switch (table) {
            case BY_PCN -> byPcn;
            case BY_PRACTICE -> byPractice;
            case BREAKDOWNS -> breakdowns;
            default -> throw new IllegalArgumentException("no patient counts table " + table);
        };
        counts.add(group, measure, n);
    }

    public void add(StepOutcome o) {
        kpis.computeIfAbsent(List.of(o.pcn(), o.pathway(), o.step()), k -> new StepTimes(o.standardStep(), o.target())).add(o);
    }

    /** One patient count: a table's group, a measure and the number of its patients who have it. */
    @FunctionalInterface
    public interface PatientCount {
        void count(String table, List<String> group, String measure, long n);
    }

    /** The four published tables, in the order the outputs list them. */
    public List<Table> publish(Disclosure disclosure) {
        return List.of(byPcn.publish(BY_PCN, disclosure), byPractice.publish(BY_PRACTICE, disclosure), kpiTable(disclosure),
                breakdowns.publish(BREAKDOWNS, disclosure));
    }

    private Table kpiTable(Disclosure d) {
        List<List<Figure>> rows = new ArrayList<>();
        kpis.forEach((key, k) -> rows.add(List.of(Figure.label(key.get(0)), Figure.label(key.get(1)), Figure.label(key.get(2)),
                Figure.label(Boolean.toString(k.standardStep)),
                k.standardStep ? Figure.number(100 * k.target, String.format(Locale.ROOT, "%.0f", 100 * k.target)) : Figure.none(),
                d.count(k.instances()), d.count(k.met), d.count(k.breached), d.count(k.open),
                d.percent(k.met, k.met + k.breached), d.hours(k.median(), k.times.size()), d.hours(k.p90(), k.times.size()))));
        return new Table(KPI_BY_PCN, List.of("pcn", "pathway", "step", "standard_step", "target_percent", "instances", "met", "breached",
                "open", "percent_met", "median_hours_to_done", "p90_hours_to_done"), rows);
    }
}
