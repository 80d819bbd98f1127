package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the probe rules for a rule-set version's DRL files: per rule and top-level condition, a probe that fires when
 * the condition holds, one over every candidate fact of a pattern, and one over the facts inside a {@code not} or
 * {@code exists}. Each probe is the condition alone after the earlier conditions it needs for its bindings. Probes run
 * after every rule of the rule set (lowest salience) and only report to the global {@code explain}.
 */
final class ProbeWriter {
    /** Below any salience a rule set uses, so probes see the facts derived rules inserted. */
    private static final int SALIENCE = Integer.MIN_VALUE + 1;

    private ProbeWriter() {
    }

    static List<Probe> probes(List<ParsedDrl> files) {
        List<Probe> out = new ArrayList<>();
        for (ParsedDrl file : files) {
            for (ParsedRule rule : file.rules()) {
                for (Element e : rule.elements()) {
                    String needed = Element.needed(rule.elements(), e).stream().map(n -> n.text() + "\n    ").collect(Collectors.joining());
                    add(out, file, rule, e, needed);
                }
            }
        }
        return out;
    }

    private static void add(List<Probe> out, ParsedDrl file, ParsedRule rule, Element e, String needed) {
        String name = file.source().name();
        boolean positive = e.kind() == Element.Kind.PATTERN || e.kind() == Element.Kind.ACCUMULATE;
        if (positive && e.pattern().isPresent()) {
            PatternShape p = e.pattern().get();
            out.add(new Probe(out.size() + 1, name, rule.name(), e.number(), Probe.Purpose.MET, p.variable(Probe.FACT), needed + p.bound(Probe.FACT)));
            if (!p.conditions().isEmpty()) {
                out.add(new Probe(out.size() + 1, name, rule.name(), e.number(), Probe.Purpose.CANDIDATES, Probe.FACT,
                        needed + p.candidates(Probe.FACT)));
            }
            return;
        }
        out.add(new Probe(out.size() + 1, name, rule.name(), e.number(), Probe.Purpose.MET, "", needed + e.text()));
        if ((e.kind() == Element.Kind.NOT || e.kind() == Element.Kind.EXISTS) && e.pattern().isPresent()) {
            PatternShape p = e.pattern().get();
            out.add(new Probe(out.size() + 1, name, rule.name(), e.number(), Probe.Purpose.WITNESSES, p.variable(Probe.FACT),
                    needed + p.bound(Probe.FACT)));
        }
    }

    /** The text of one probe file per DRL file (by file name), leaving out {@code dropped} probes; fills {@code lines}. */
    static Map<String, String> files(List<ParsedDrl> drl, List<Probe> probes, Set<Integer> dropped, Map<Integer, int[]> lines) {
        Map<String, String> out = new TreeMap<>();
        for (ParsedDrl file : drl) {
            StringBuilder text = new StringBuilder(file.header())
                    .append("global ").append(ProbeCollector.class.getName()).append(" explain;\n");
            for (Probe p : probes) {
                if (!p.file().equals(file.source().name()) || dropped.contains(p.id())) {
                    continue;
                }
                int first = lineCount(text) + 1;
                text.append("\nrule \"").append(p.ruleName()).append("\"\n    salience ").append(SALIENCE)
                        .append("\nwhen\n    ").append(p.lhs()).append("\nthen\n    explain.seen(").append(p.id()).append(", kcontext);\nend\n");
                lines.put(p.id(), new int[] {first, lineCount(text)});
            }
            out.put(file.source().name(), text.toString());
        }
        return out;
    }

    private static int lineCount(CharSequence text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
