package org.waymark.engine.evaluation;

import java.util.Collection;
import java.util.List;
import org.drools.base.rule.accessor.GlobalResolver;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.runtime.Globals;
import org.kie.api.runtime.KieSession;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.time.EvaluationTime;

/**
 * The globals of a pooled session, {@code asOf}, {@code params} and {@code out}, held in three fields. Drools'
 * {@code setGlobal} takes the KieBase's read lock, looks the declaration up and puts into a concurrent map, three times for
 * each of a patient's six sessions, and its reset clears that map: for a small record that was a tenth of what the
 * evaluator itself spent. A session keeps this resolver across its calls (the pool's reset clears it, it is not
 * replaced). Its first call still goes through {@code setGlobal}, so a rule set that does not declare a global, or declares
 * it with another type, fails as before.
 */
final class SessionGlobals implements GlobalResolver, Globals {
    private static final List<String> NAMES = List.of("asOf", "params", "out");

    private EvaluationTime asOf;
    private Parameters params;
    private Outcome out;

    private SessionGlobals() {
    }

    /**
     * The globals a rule's constraints read, for deciding whether to run its session at all: {@code out} is not set, as
     * no constraint may write advice (one that tried would fail, and the session would run).
     */
    static GlobalResolver beforeSession(EvaluationTime asOf, Parameters params) {
        SessionGlobals globals = new SessionGlobals();
        globals.asOf = asOf;
        globals.params = params;
        return globals;
    }

    /** Sets the globals of one call; the first call of a session installs its resolver. */
    static void set(KieSession session, EvaluationTime asOf, Parameters params, Outcome out) {
        if (session.getGlobals() instanceof SessionGlobals held) {
            held.asOf = asOf;
            held.params = params;
            held.out = out;
            return;
        }
        // Drools checks that the KieBase declares each global with a type the value has.
        session.setGlobal("asOf", asOf);
        session.setGlobal("params", params);
        session.setGlobal("out", out);
        // A session of another make (a test's proxy) keeps Drools' own resolver.
        if (session instanceof StatefulKnowledgeSessionImpl drools) {
            SessionGlobals globals = new SessionGlobals();
            globals.asOf = asOf;
            globals.params = params;
            globals.out = out;
            drools.setGlobalResolver(globals);
        }
    }

    @Override
    public Object resolveGlobal(String identifier) {
        return switch (identifier) {
            case "asOf" -> asOf;
            case "params" -> params;
            case "out" -> out;
            default -> null;
        };
    }

    @Override
    public void setGlobal(String identifier, Object value) {
        switch (identifier) {
            case "asOf" -> asOf = (EvaluationTime) value;
            case "params" -> params = (Parameters) value;
            case "out" -> out = (Outcome) value;
            default -> throw new IllegalArgumentException("the evaluator's sessions have no global '" + identifier + "'");
        }
    }

    @Override
    public void removeGlobal(String identifier) {
        setGlobal(identifier, null);
    }

    /** Drools' reset of a session going back to the pool: no call's globals outlive it. */
    @Override
    public void clear() {
        asOf = null;
        params = null;
        out = null;
    }

    @Override
    public Object get(String identifier) {
        return resolveGlobal(identifier);
    }

    @Override
    public void set(String identifier, Object value) {
        setGlobal(identifier, value);
    }

    @Override
    public void setDelegate(Globals delegate) {
        throw new UnsupportedOperationException("the evaluator's sessions resolve their three globals themselves");
    }

    @Override
    public Collection<String> getGlobalKeys() {
        return NAMES;
    }
}
