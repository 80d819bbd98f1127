package org.waymark.screening.measures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Patient counts per group (a PCN, a practice and its PCN, or a dimension and its stratum): registered patients and,
 * for each measure, how many of them have it. Published in long form, one row per group and measure, every group
 * listing every measure seen anywhere (0 where it has none), so groups compare row for row.
 */
final class GroupCounts {
    static final String REGISTERED = "registered";
    static final String FLAGGED = "patients_flagged";
    static final String RECOMMENDATION = "recommendation:";
    static final String OVERDUE = "overdue:";

    private final List<String> labelColumns;
    /**
     * Looked up by hash for every patient's groups and sorted only to publish: the order compares groups' labels, which
     * costs more than a patient's other counting when done per lookup. The order is consistent with equals (labels
     * compare equal only when they are equal), so sorting the keys gives what a sorted map would.
     */
    private final Map<List<String>, Map<String, Long>> byGroup = new HashMap<>();
    /** Every measure counted in any group, sorted only to publish (as the groups are). */
    private final Set<String> measures = new HashSet<>();

    GroupCounts(List<String> labelColumns) {
        this.labelColumns = List.copyOf(labelColumns);
    }

    /** The measures a patient has, named once for all the groups it is counted in: flagged, its codes and its overdue steps. */
    static List<String> measuresOf(ScreenedPatient p) {
        List<String> measures = new ArrayList<>(1 + p.recommendations().size() + p.overdueSteps().size());
        if (p.flagged()) {
            measures.add(FLAGGED);
        }
        p.recommendations().forEach(c -> measures.add(RECOMMENDATION + c));
        p.overdueSteps().forEach(s -> measures.add(OVERDUE + s));
        return measures;
    }

    /** Counts a patient, whose {@link #measuresOf} are {@code patientMeasures}, in {@code group}. */
    void add(List<String> group, List<String> patientMeasures) {
        Map<String, Long> counts = byGroup.computeIfAbsent(List.copyOf(group), k -> new HashMap<>());
        counts.merge(REGISTERED, 1L, Long::sum);
        for (String measure : patientMeasures) {
            counts.merge(measure, 1L, Long::sum);
        }
        measures.addAll(patientMeasures);
    }

    /** Adds {@code n} to a group's measure ({@link #REGISTERED} or another): what {@link #forEach} gave of other counts. */
    void add(List<String> group, String measure, long n) {
        byGroup.computeIfAbsent(List.copyOf(group), k -> new HashMap<>()).merge(measure, n, Long::sum);
        if (!measure.equals(REGISTERED)) {
            measures.add(measure);
        }
    }

    /** Every group's count of each measure it has, {@link #REGISTERED} included, in no particular order, as table {@code table}'s. */
    void forEach(String table, PopulationMeasures.PatientCount to) {
        byGroup.forEach((group, counts) -> counts.forEach((measure, n) -> to.count(table, group, measure, n)));
    }

    Table publish(String name, Disclosure disclosure) {
        List<String> columns = Stream.concat(labelColumns.stream(), Stream.of("measure", "count", REGISTERED, "rate_per_1000")).toList();
        List<List<Figure>> rows = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>(byGroup.keySet());
        groups.sort(GroupCounts::compare);
        SortedSet<String> sorted = new TreeSet<>(measures);
        for (List<String> group : groups) {
            Map<String, Long> counts = byGroup.get(group);
            long registered = counts.get(REGISTERED);
            Stream.concat(Stream.of(REGISTERED), Stream.concat(Stream.of(FLAGGED).filter(sorted::contains),
                    sorted.stream().filter(m -> !m.equals(FLAGGED)))).forEach(measure -> {
                long n = counts.getOrDefault(measure, 0L);
                List<Figure> row = new ArrayList<>(group.stream().map(Figure::label).toList());
                row.add(Figure.label(measure));
                row.add(disclosure.count(n));
                row.add(disclosure.count(registered));
                row.add(measure.equals(REGISTERED) ? Figure.none() : disclosure.ratePerThousand(n, registered));
                rows.add(row);
            });
        }
        return new Table(name, columns, rows);
    }

    /** Numbers (deprivation deciles) in numeric order, 2 before 10; everything else as text. Built once: every patient's groups are looked up by it. */
    private static final Comparator<String> UNKNOWN_LAST = Comparator.comparing((String s) -> s.equals(ScreenedPatient.UNKNOWN_AREA))
            .thenComparingInt(s -> !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9') ? s.length() : 0).thenComparing(s -> s);

    /** Groups sort by their labels, with "(unknown)" last so the named areas lead. */
    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = UNKNOWN_LAST.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
