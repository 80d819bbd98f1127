package org.waymark.screening.measures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The monthly series of {@code --as-of-series}: per month end and PCN, the registered patients (alive as of that month
 * end), the patients with each recommendation code, and each time-standard step's met and decided (met or breached)
 * instances. Counted per partition, kept as a TSV work file ({@link #write}, {@link #read}), summed at the merge and
 * published under the run's disclosure control as {@code measures-series} and {@code kpi-series}, every month of the
 * series present (0 where nothing was counted that month).
 */
public final class MonthlySeries {
    public static final String MEASURES = "measures-series";
    public static final String KPIS = "kpi-series";
    public static final String REGISTERED = "registered";
    static final String RECOMMENDATION = "recommendation";
    static final String KPI_MET = "kpi_met";
    static final String KPI_DECIDED = "kpi_decided";
    private static final String UNKNOWN_PCN = "(unknown)";

    /** What one count is of: {@code subject} is the code or the pathway/step, {@code target} the step's standard share. */
    private record Key(YearMonth month, String pcn, String measure, String subject, double target) {
        Key {
            Objects.requireNonNull(month, "month");
            pcn = pcn.isEmpty() ? UNKNOWN_PCN : pcn;
        }

        Line line() {
            return new Line(pcn, measure, subject, target);
        }
    }

    /** A published row's identity across months. */
    private record Line(String pcn, String measure, String subject, double target) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::month).thenComparing(Key::pcn).thenComparing(Key::measure)
            .thenComparing(Key::subject).thenComparingDouble(Key::target);
    private static final Comparator<Line> LINE_ORDER = Comparator.comparing(Line::pcn).thenComparing(Line::measure)
            .thenComparing(Line::subject).thenComparingDouble(Line::target);

    private final List<YearMonth> months;
    private final Map<Key, Long> counts = new TreeMap<>(ORDER);

    public MonthlySeries(List<YearMonth> months) {
        this.months = List.copyOf(new TreeSet<>(months));
    }

    public List<YearMonth> months() {
        return months;
    }

    public void registered(YearMonth month, String pcn) {
        add(new Key(month, pcn, REGISTERED, "", 0), 1);
    }

    public void recommendation(YearMonth month, String pcn, String code) {
        add(new Key(month, pcn, RECOMMENDATION, code, 0), 1);
    }

    /** One decided instance of a time-standard step; {@code met} whether it met the standard. */
    public void kpi(YearMonth month, String pcn, String pathwayStep, double target, boolean met) {
        add(new Key(month, pcn, KPI_DECIDED, pathwayStep, target), 1);
        if (met) {
            add(new Key(month, pcn, KPI_MET, pathwayStep, target), 1);
        }
    }

    private void add(Key k, long n) {
        if (!months.contains(k.month())) {
            throw new IllegalArgumentException(k.month() + " is not a month of the series " + months);
        }
        counts.merge(k, n, Long::sum);
    }

    public void write(Writer out) throws IOException {
        for (Map.Entry<Key, Long> e : counts.entrySet()) {
            Key k = e.getKey();
            out.write(String.join("\t", k.month().toString(), k.pcn(), k.measure(), k.subject(), Double.toString(k.target()),
                    Long.toString(e.getValue())));
            out.write('\n');
        }
    }

    /** Adds the counts a {@link #write} wrote. */
    public void read(BufferedReader in) throws IOException {
        String l;
        while ((l = in.readLine()) != null) {
            String[] f = l.split("\t", -1);
            if (f.length != 6) {
                throw new IOException("a series work line has " + f.length + " fields, not 6");
            }
            add(new Key(YearMonth.parse(f[0]), f[1], f[2], f[3], Double.parseDouble(f[4])), Long.parseLong(f[5]));
        }
    }

    private long count(YearMonth month, Line line, String measure) {
        return counts.getOrDefault(new Key(month, line.pcn(), measure, line.subject(), line.target()), 0L);
    }

    /** {@code measures-series} (registered and per code, with the rate per 1,000 registered) and {@code kpi-series}. */
    public List<Table> publish(Disclosure disclosure) {
        TreeSet<Line> lines = new TreeSet<>(LINE_ORDER);
        counts.keySet().forEach(k -> lines.add(k.measure().equals(KPI_MET) ? new Line(k.pcn(), KPI_DECIDED, k.subject(), k.target()) : k.line()));
        List<List<Figure>> measureRows = new ArrayList<>();
        List<List<Figure>> kpiRows = new ArrayList<>();
        for (YearMonth m : months) {
            for (Line line : lines) {
                Figure month = Figure.label(m.toString());
                Figure pcn = Figure.label(line.pcn());
                long registered = count(m, new Line(line.pcn(), REGISTERED, "", 0), REGISTERED);
                switch (line.measure()) {
                    case REGISTERED -> measureRows.add(List.of(month, pcn, Figure.label(REGISTERED), disclosure.count(registered), Figure.none()));
                    case RECOMMENDATION -> {
                        long n = count(m, line, RECOMMENDATION);
                        measureRows.add(List.of(month, pcn, Figure.label(line.subject()), disclosure.count(n), disclosure.ratePerThousand(n, registered)));
                    }
                    default -> {
                        long met = count(m, line, KPI_MET);
                        long decided = count(m, line, KPI_DECIDED);
                        kpiRows.add(List.of(month, pcn, Figure.label(line.subject()), disclosure.count(met), disclosure.count(decided),
                                disclosure.percent(met, decided),
                                Figure.number(100 * line.target(), String.format(Locale.ROOT, "%.0f", 100 * line.target()))));
                    }
                }
            }
        }
        return List.of(new Table(MEASURES, List.of("month", "pcn", "measure", "count", "rate_per_1000"), measureRows),
                new Table(KPIS, List.of("month", "pcn", "pathway_step", "met", "decided", "percent_met", "target_percent"), kpiRows));
    }
}
