package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.explain.ConditionExplanation.Status;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.ruleset.Parameters;

/** Turns the probes' firings for one rule into its conditions' explanations, in rule order. */
final class Conditions {
    /** Facts and values listed per condition; the counts always cover every fact. */
    private static final int SHOWN = 10;
    private static final int VALUES_SHOWN = 3;
    private static final Set<String> ORDERED = Set.of(">=", "<=", ">", "<");

    private final ProbeBase base;
    private final Parameters parameters;
    private final ProbeCollector collector;
    private final ConstraintValues values;

    Conditions(ProbeBase base, Parameters parameters, ProbeCollector collector, ConstraintValues values) {
        this.base = base;
        this.parameters = parameters;
        this.collector = collector;
        this.values = values;
    }

    List<ConditionExplanation> of(ParsedRule rule) {
        Map<Integer, Status> statuses = new LinkedHashMap<>();
        List<ConditionExplanation> out = new ArrayList<>();
        for (Element e : rule.elements()) {
            ConditionExplanation c = explain(rule, e, statuses);
            statuses.put(e.number(), c.status());
            out.add(c);
        }
        return out;
    }

    private ConditionExplanation explain(ParsedRule rule, Element e, Map<Integer, Status> statuses) {
        Map<String, String> parameters = parameters(e.text());
        List<Probe> probes = base.probes(rule.name(), e.number());
        Optional<Probe> met = probe(probes, Probe.Purpose.MET);
        if (met.isEmpty()) {
            return new ConditionExplanation(e.number(), e.line(), e.kind().label(), e.text(), Status.NOT_EXPLAINED,
                    "not explained: this condition could not be turned into a probe rule", List.of(), List.of(), parameters);
        }
        List<ProbeCollector.Hit> metHits = collector.hits(met.get().id());
        List<Element> needed = Element.needed(rule.elements(), e);
        List<Element> unmet = needed.stream().filter(n -> statuses.get(n.number()) != Status.MET).toList();
        Status status = !metHits.isEmpty() ? Status.MET : unmet.isEmpty() ? Status.NOT_MET : Status.NOT_REACHED;
        String type = e.pattern().map(PatternShape::type).orElse("");
        List<String> facts = new ArrayList<>();
        List<CheckExplanation> checks = new ArrayList<>();
        String note = "";
        switch (e.kind()) {
            case PATTERN, ACCUMULATE -> {
                if (status == Status.MET) {
                    facts.addAll(shown(distinct(metHits, met.get().factVariable()), type));
                }
                Optional<Probe> candidates = probe(probes, Probe.Purpose.CANDIDATES);
                if (candidates.isPresent() && e.pattern().isPresent()) {
                    List<ProbeCollector.Hit> seen = collector.hits(candidates.get().id());
                    e.pattern().get().conditions().forEach(c -> checks.add(check(c, seen, e.pattern().get())));
                    if (seen.isEmpty() && status == Status.NOT_MET) {
                        note = "no " + type + " seen";
                    }
                }
                note = checks.stream().filter(c -> c.nearMiss() != null).map(c -> c.nearMiss().text()).findFirst().orElse(note);
            }
            case NOT, EXISTS -> {
                List<Object> witnesses = probe(probes, Probe.Purpose.WITNESSES)
                        .map(w -> distinct(collector.hits(w.id()), w.factVariable())).orElse(List.of());
                boolean suppressed = e.kind() == Element.Kind.NOT && status == Status.NOT_MET;
                if (suppressed || e.kind() == Element.Kind.EXISTS && status == Status.MET) {
                    facts.addAll(shown(witnesses, type));
                    note = (suppressed ? "suppressed by " : "matched by ") + witnesses.size() + " " + type;
                } else if (status != Status.NOT_REACHED) {
                    note = "no " + type + " matches";
                }
            }
            default -> {
            }
        }
        if (status == Status.NOT_REACHED) {
            note = "not reached: needs condition " + String.join(", ", unmet.stream().map(n -> String.valueOf(n.number())).toList())
                    + ", which does not hold";
        }
        return new ConditionExplanation(e.number(), e.line(), e.kind().label(), e.text(), status, note, checks, facts, parameters);
    }

    private CheckExplanation check(Constraint c, List<ProbeCollector.Hit> seen, PatternShape pattern) {
        int metBy = 0;
        List<String> shown = new ArrayList<>();
        NearMiss nearest = null;
        double distance = Double.MAX_VALUE;
        String subject = c.left().orElse(c.expression());
        for (ProbeCollector.Hit hit : seen) {
            Object fact = hit.bound().get(Probe.FACT);
            Map<String, Object> bound = new LinkedHashMap<>(hit.bound());
            pattern.identifier().ifPresent(id -> bound.put(id, fact));
            Object holds = values.evaluate(c.expression(), fact, bound);
            if (Boolean.TRUE.equals(holds)) {
                metBy++;
            }
            Object left = c.left().map(l -> values.evaluate(l, fact, bound)).orElse(holds);
            // Per fact when one or two, else the distinct values: a record's many entries would repeat the same one.
            String value = (c.left().isPresent() ? subject + " = " : "") + Shown.value(left)
                    + (seen.size() > 1 && seen.size() <= 2 ? " (" + Shown.fact(fact) + ")" : "");
            if (shown.size() < VALUES_SHOWN && !shown.contains(value)) {
                shown.add(value);
            }
            if (c.operator().filter(ORDERED::contains).isPresent() && left instanceof Number l
                    && values.evaluate(c.right().orElseThrow(), fact, bound) instanceof Number r
                    && Math.abs(l.doubleValue() - r.doubleValue()) < distance) {
                distance = Math.abs(l.doubleValue() - r.doubleValue());
                List<String> named = Constraint.parameters(c.right().orElseThrow());
                nearest = new NearMiss(subject, Shown.value(l), c.operator().get(), Shown.value(r), named.isEmpty() ? "" : named.get(0));
            }
        }
        return new CheckExplanation(c.expression(), metBy, seen.size(), shown, metBy == 0 ? nearest : null);
    }

    private static Optional<Probe> probe(List<Probe> probes, Probe.Purpose purpose) {
        return probes.stream().filter(p -> p.purpose() == purpose).findFirst();
    }

    /** The distinct facts (by identity) bound to {@code variable} over the firings. */
    private static List<Object> distinct(List<ProbeCollector.Hit> hits, String variable) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> out = new ArrayList<>();
        for (ProbeCollector.Hit h : hits) {
            Object f = h.bound().get(variable);
            if (f != null && seen.put(f, Boolean.TRUE) == null) {
                out.add(f);
            }
        }
        return out;
    }

    private static List<String> shown(List<Object> facts, String type) {
        List<String> out = new ArrayList<>();
        facts.stream().limit(SHOWN).forEach(f -> out.add(f instanceof RecordEntry ? type + " " + Shown.fact(f) : Shown.fact(f)));
        if (facts.size() > SHOWN) {
            out.add("and " + (facts.size() - SHOWN) + " more");
        }
        return out;
    }

    private Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Constraint.parameters(text)) {
            Parameters.Parameter p = parameters.all().get(name);
            out.put(name, p == null ? "?" : String.valueOf(p.value()));
        }
        return out;
    }
}
