package org.waymark.engine.evaluation;

import org.waymark.engine.facts.Evidential;
import org.waymark.engine.ruleset.RuleMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.facts.RecordEntry;

/**
 * The global {@code out} that rule consequences report to: {@code out.recommend(kcontext, $entry, ...)}.
 * The recommendation code and wording come from the rule's metadata and the rule set's catalogue, so a
 * consequence holds no clinical text. One instance per evaluation; not shared between threads.
 */
public final class Outcome {
    /** One firing of a recommending rule and the evidence it named. */
    public record Match(RuleMetadata rule, List<Evidence> evidence) {
    }

    private final List<Match> matches = new ArrayList<>();
    /** A rule's metadata: the evaluator's come from the session pool's cache, read once per rule, not per firing. */
    private final Function<Rule, RuleMetadata> metadata;

    public Outcome() {
        this(RuleMetadata::of);
    }

    Outcome(Function<Rule, RuleMetadata> metadata) {
        this.metadata = metadata;
    }

    /** Reports that the firing rule recommends its {@code @code}; the evidence (entries, lists of entries, derived facts) is cited on the card. Call it as {@code out.recommend(kcontext, $entry, $list)}. */
    public void recommend(RuleContext context, Object... evidence) {
        RuleMetadata rule = metadata.apply(context.getRule());
        if (rule.code().isEmpty()) {
            throw new IllegalStateException("rule '" + rule.name() + "' recommends but has no @code");
        }
        List<Evidence> items = new ArrayList<>();
        for (Object e : evidence) {
            collect(e, items);
        }
        matches.add(new Match(rule, items));
    }

    private static void collect(Object e, List<Evidence> into) {
        if (e instanceof RecordEntry entry) {
            into.add(entry.evidence());
        } else if (e instanceof Evidence ev) {
            into.add(ev);
        } else if (e instanceof Evidential ev) {
            into.addAll(ev.evidence());
        } else if (e instanceof Collection<?> many) {
            many.forEach(m -> collect(m, into));
        } else if (e != null) {
            throw new IllegalArgumentException("cannot cite " + e.getClass().getSimpleName() + " as evidence");
        }
    }

    /** What the rules reported, in firing order (read by the engine after evaluation). */
    public List<Match> matches() {
        return List.copyOf(matches);
    }
}
