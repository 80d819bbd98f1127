package org.waymark.engine.explain;

import org.kie.api.runtime.KieSession;
import org.waymark.engine.evaluation.Outcome;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;

/** Runs a version's rules and probes over one record, as the evaluator runs the rules alone, and collects the probes' firings. */
final class ProbeRun {
    /** Bounds a looping rule set; probes fire once per candidate fact, so far more often than rules. */
    private static final int MAX_FIRINGS = 1_000_000;

    private ProbeRun() {
    }

    static ProbeCollector run(ProbeBase base, CompiledRuleSet ruleSet, PatientRecord record, EvaluationTime asOf) {
        ProbeCollector collector = new ProbeCollector();
        KieSession session = base.kieBase().newKieSession();
        try {
            session.setGlobal("asOf", asOf);
            session.setGlobal("params", ruleSet.parameters());
            session.setGlobal("out", new Outcome());
            session.setGlobal("explain", collector);
            session.insert(record.patient());
            for (RecordEntry entry : record.entries()) {
                session.insert(entry.withValueSets(ruleSet.valueSets().membershipsOf(entry.codes())));
            }
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new IllegalStateException("rule set " + ruleSet.key() + " kept firing for one record: explanation stopped");
            }
        } finally {
            session.dispose();
        }
        return collector;
    }
}
