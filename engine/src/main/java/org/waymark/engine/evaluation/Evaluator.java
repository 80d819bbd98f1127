package org.waymark.engine.evaluation;

import org.waymark.engine.ruleset.RuleMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.drools.base.rule.accessor.GlobalResolver;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.EntryRequirement;
import org.waymark.engine.ruleset.MatchableEntries;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.RecommendationDefinition;
import org.waymark.engine.ruleset.SessionPool;
import org.waymark.engine.ruleset.SharedDefinition;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;
import org.waymark.engine.valueset.ValueSets;

/**
 * Evaluates a patient's record against rule-set versions as of an explicit instant. Thread-safe: the
 * KieBases are shared and every call takes its own sessions. Globals each rule sees:
 * {@code asOf} ({@link EvaluationTime}), {@code params} (the rule set's parameters) and {@code out}
 * ({@link Outcome}). Each shared definition the rule sets use is evaluated once per call, before them, with its own
 * parameters and value sets; the facts it derives go into the session of every rule set that uses it, and its firings
 * into that rule set's fired rules. Definitions are told apart by identity: the loader keeps one object per folder and
 * content, across reloads too (see {@link SharedDefinition}). Sessions come from each version's {@link SessionPool}.
 */
public final class Evaluator {
    /** Far above any real record's firings (a 150-entry record fires about 40); bounds a looping rule set. */
    static final int MAX_FIRINGS = 10_000;
    /** As their DRL files' paths sort (the separator appended, as in those paths). */
    private static final Comparator<SharedDefinition> BY_FOLDER = Comparator.comparing(d -> d.folder() + "/");

    /** Which entries go into a version's sessions; the differential tests compare with inserting every entry. */
    private final Function<SessionPool, MatchableEntries> matchable;
    /**
     * Whether some rule of a version could fire on the facts going into its session: a session where none could is left
     * out. The differential tests compare with firing every session, and count those left out.
     */
    private final CouldFire couldFire;

    /** Whether some rule of {@code pool}'s version could fire in a session holding {@code facts} and {@code globals}. */
    @FunctionalInterface
    interface CouldFire {
        boolean test(SessionPool pool, List<Object> facts, GlobalResolver globals);
    }

    public Evaluator() {
        this(SessionPool::matchable, (pool, facts, globals) -> pool.prerequisites().someRuleCouldFire(facts, globals));
    }

    Evaluator(Function<SessionPool, MatchableEntries> matchable, CouldFire couldFire) {
        this.matchable = matchable;
        this.couldFire = couldFire;
    }

    public Evaluation evaluate(PatientRecord record, EvaluationTime asOf, List<CompiledRuleSet> ruleSets) {
        return evaluate(record, RecordCodes.of(record), asOf, ruleSets);
    }

    /** {@code codes}: the record's codes, looked up once by a caller that also tags the record for pathways. */
    public Evaluation evaluate(PatientRecord record, RecordCodes codes, EvaluationTime asOf, List<CompiledRuleSet> ruleSets) {
        List<Recommendation> recommendations = new ArrayList<>();
        List<FiredRule> fired = new ArrayList<>();
        Map<SharedDefinition, SharedFirings> derived = new IdentityHashMap<>();
        for (CompiledRuleSet ruleSet : ruleSets) {
            // Once per rule set, not per firing: the version is formatted from the manifest's on every call.
            String version = ruleSet.version();
            List<SharedFirings> sharedFirings = new ArrayList<>(1);
            for (SharedDefinition d : used(ruleSet)) {
                sharedFirings.add(derived.computeIfAbsent(d, k -> derive(k, record, codes, asOf)));
            }
            List<SharedFirings.Firing> shared = SharedFirings.inAgendaOrder(sharedFirings);
            for (SharedFirings.Firing f : shared) {
                fired.add(new FiredRule(ruleSet.id(), version, f.rule().id(), f.rule().name()));
            }
            SessionPool base = ruleSet.sessions();
            List<Object> facts = facts(record, codes, ruleSet.valueSets(), matchable.apply(base));
            for (SharedFirings.Firing f : shared) {
                facts.addAll(f.inserted());
            }
            if (!couldFire.test(base, facts, SessionGlobals.beforeSession(asOf, ruleSet.parameters()))) {
                continue; // no firing, so no recommendation either
            }
            Outcome outcome = new Outcome(base::metadata);
            fire(base, () -> "rule set " + ruleSet.key(), asOf, ruleSet.parameters(), outcome, facts, new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    RuleMetadata meta = base.metadata(event.getMatch().getRule());
                    fired.add(new FiredRule(ruleSet.id(), version, meta.id(), meta.name()));
                }
            }, null);
            recommendations.addAll(merge(outcome.matches(), ruleSet, record.patient().reference()));
        }
        recommendations.sort(Comparator.comparing(Recommendation::ruleSetId)
                .thenComparing(Recommendation::indicator, Comparator.reverseOrder())
                .thenComparing(Recommendation::code));
        return new Evaluation(asOf.instant(), recommendations, fired);
    }

    /** The shared definitions {@code ruleSet} uses, as their folders sort (most use one: nothing to sort). */
    private static List<SharedDefinition> used(CompiledRuleSet ruleSet) {
        List<SharedDefinition> used = ruleSet.shared();
        return used.size() < 2 ? used : used.stream().sorted(BY_FOLDER).toList();
    }

    /** Runs a shared definition over the record and keeps each firing with the facts its consequence inserted. */
    private SharedFirings derive(SharedDefinition definition, PatientRecord record, RecordCodes codes, EvaluationTime asOf) {
        SessionPool base = definition.sessions();
        List<Object> facts = facts(record, codes, definition.valueSets(), matchable.apply(base));
        if (!couldFire.test(base, facts, SessionGlobals.beforeSession(asOf, definition.parameters()))) {
            return new SharedFirings(List.of());
        }
        List<SharedFirings.Firing> firings = new ArrayList<>();
        List<Object> inserted = new ArrayList<>();
        RuleRuntimeEventListener onInsert = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                inserted.add(event.getObject());
            }
        };
        AgendaEventListener onFiring = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                // The salience the agenda ordered this firing by; kie-api does not expose it.
                int salience = ((InternalMatch) event.getMatch()).getSalience();
                Rule rule = event.getMatch().getRule();
                firings.add(new SharedFirings.Firing(base.metadata(rule), salience, rule.getLoadOrder(), inserted));
                inserted.clear();
            }
        };
        // No card comes from a shared definition (its rules have no @code), so its outcome stays empty.
        fire(base, () -> "shared definition " + definition.key(), asOf, definition.parameters(), new Outcome(base::metadata), facts,
                onFiring, onInsert);
        return new SharedFirings(firings);
    }

    /**
     * What goes into a session, in order: the patient, then each entry some pattern could match, tagged with its
     * memberships of {@code valueSets} (the others would change nothing but cost their insert and their tagged copy).
     */
    private static List<Object> facts(PatientRecord record, RecordCodes codes, ValueSets valueSets, MatchableEntries matchable) {
        List<Object> facts = new ArrayList<>();
        facts.add(record.patient());
        List<RecordEntry> entries = record.entries();
        for (int i = 0; i < entries.size(); i++) {
            RecordEntry entry = entries.get(i);
            EntryRequirement test = matchable.test(entry);
            if (test.never()) {
                continue;
            }
            Set<String> memberships = valueSets.membershipsOf(codes.entry(i));
            if (test.passes(entry, memberships)) {
                facts.add(entry.withValueSets(memberships));
            }
        }
        return facts;
    }

    /**
     * One session from {@code base}'s pool: globals, {@code facts} inserted in order, then every rule fired. The session
     * goes back to its pool, reset (no facts, globals or event listeners left: {@code SessionPoolTest} holds Drools to
     * that, so the listeners are not removed one by one), after a failed evaluation too: Drools' destroy of a pooled
     * session only disposes of it.
     * {@code onInsert} (may be null) hears only the facts the rules insert, as it is added after {@code facts} went in.
     */
    private static void fire(SessionPool base, Supplier<String> what, EvaluationTime asOf, Parameters params, Outcome out, List<Object> facts,
                             AgendaEventListener onFiring, RuleRuntimeEventListener onInsert) {
        try (SessionPool.Lease lease = base.lease()) {
            fire(lease.session(), what, asOf, params, out, facts, onFiring, onInsert);
        }
    }

    private static void fire(KieSession session, Supplier<String> what, EvaluationTime asOf, Parameters params, Outcome out, List<Object> facts,
                             AgendaEventListener onFiring, RuleRuntimeEventListener onInsert) {
        try {
            SessionGlobals.set(session, asOf, params, out);
            session.addEventListener(onFiring);
            for (Object fact : facts) {
                session.insert(fact);
            }
            if (onInsert != null) {
                session.addEventListener(onInsert);
            }
            int firings = session.fireAllRules(MAX_FIRINGS);
            if (firings >= MAX_FIRINGS) {
                // A rule set that keeps firing (e.g. a rule re-inserting what it matches) is stopped, never answered.
                throw new IllegalStateException(what.get() + " fired " + firings + " rules for one patient: stopped");
            }
        } finally {
            session.dispose();
        }
    }

    /** One recommendation per code: several rules reaching the same advice merge their evidence, not repeat it. */
    private static List<Recommendation> merge(List<Outcome.Match> matches, CompiledRuleSet ruleSet, String patientReference) {
        Map<String, List<Outcome.Match>> byCode = new LinkedHashMap<>();
        for (Outcome.Match m : matches) {
            byCode.computeIfAbsent(m.rule().code().orElseThrow(), c -> new ArrayList<>()).add(m);
        }
        List<Recommendation> out = new ArrayList<>();
        byCode.forEach((code, group) -> {
            RecommendationDefinition def = ruleSet.recommendations().get(code);
            Set<Evidence> evidence = new LinkedHashSet<>();
            Set<String> ruleIds = new LinkedHashSet<>();
            Set<String> sources = new LinkedHashSet<>();
            List<String> rationales = new ArrayList<>();
            Set<String> checked = new LinkedHashSet<>();
            for (Outcome.Match m : group) {
                evidence.addAll(m.evidence());
                if (ruleIds.add(m.rule().id())) {
                    rationales.add(m.rule().rationale());
                    // The wording as loaded, with the rule set's parameter values filled in.
                    ruleSet.rules().stream().filter(r -> r.id().equals(m.rule().id())).findFirst().ifPresent(r -> checked.addAll(r.checked()));
                }
                sources.addAll(m.rule().sources());
            }
            out.add(new Recommendation(code, def.title(), def.summary(), def.indicator(),
                    String.join(" ", new LinkedHashSet<>(rationales)), def.detail(), List.copyOf(evidence), ruleSet.id(),
                    ruleSet.version(), List.copyOf(ruleIds), List.copyOf(sources),
                    SuggestionTemplates.forPatient(def.suggestions(), patientReference), List.copyOf(checked)));
        });
        return out;
    }
}
