package org.waymark.engine.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.base.base.ClassObjectType;
import org.drools.base.reteoo.InitialFactImpl;
import org.drools.base.rule.EntryPointId;
import org.drools.core.common.BaseNode;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.JoinNode;
import org.drools.core.reteoo.LeftInputAdapterNode;
import org.drools.core.reteoo.LeftTupleSource;
import org.drools.core.reteoo.ObjectSource;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.QueryTerminalNode;
import org.drools.core.reteoo.RightInputAdapterNode;
import org.drools.core.reteoo.RuleTerminalNode;
import org.drools.core.reteoo.TerminalNode;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.waymark.engine.facts.RecordEntry;

/**
 * The facts each rule of a KieBase needs in working memory before it can fire, read once from its compiled network, so
 * that the evaluator can leave out a session in which no rule could fire (for a small record, most rule sets' every rule
 * starts from an entry or a derived fact the patient does not have, and the session's lease, inserts and reset cost more
 * than the rules).
 *
 * <p>A rule fires only on a match reaching one of its terminal nodes, and a match is a left tuple that took one fact at
 * the start of the terminal's path (its left input adapter) and one at each join node on it. Each of those facts came
 * from an object type node of the default entry point, through the alpha nodes between that node and the join, so it is
 * an instance of the node's class and passes their constraints. Nodes of every other kind on the path (not, exists,
 * accumulate, from, eval, ...) need no fact: a {@code not} or an accumulate matches an empty working memory. Before the
 * first firing, working memory holds only what the evaluator inserted and Drools' initial fact; so when no path has each
 * of its facts among those, no rule fires, no consequence inserts anything, and the session would end as it began.
 *
 * <p>Only the entry-membership constraints {@link MembershipConstraint} reads are checked; any other constraint counts as
 * passed, and a path's fact from anything but an object type node (a window, a subnetwork, another entry point) counts as
 * present. A terminal node of another kind, or a KieBase not read this way, makes every session run.
 */
public final class FiringPrerequisites {
    /** Some rule may always fire: every session runs. */
    public static final FiringPrerequisites ALWAYS = new FiringPrerequisites(List.of(), List.of(new int[0]), Set.of());

    /** A fact a path takes: an instance of {@code type} that, if it is a record entry, passes every one of {@code entries}. */
    record Need(Class<?> type, List<EntryRequirement> entries) {
        Need {
            entries = List.copyOf(entries);
        }
    }

    /** Each distinct need once, so a call checks it once however many paths take it. */
    private final List<Need> needs;
    /** Per terminal path, the indexes of its needs. */
    private final List<int[]> paths;
    /** The entry classes whose {@code in}, {@code categoryOf} and {@code emergency} are RecordEntry's, the only ones whose membership is checked. */
    private final Set<Class<?>> standardEntries;

    private FiringPrerequisites(List<Need> needs, List<int[]> paths, Set<Class<?>> standardEntries) {
        this.needs = List.copyOf(needs);
        this.paths = List.copyOf(paths);
        this.standardEntries = Set.copyOf(standardEntries);
    }

    public static FiringPrerequisites of(KieBase kieBase) {
        if (!(kieBase instanceof InternalKnowledgeBase base)) {
            return ALWAYS;
        }
        boolean readMemberships = !MatchableEntries.namesEntryTerms(kieBase);
        Map<String, TerminalNode[]> terminals = base.getReteooBuilder().getTerminalNodes();
        // Every rule's terminals are read, or none: a rule missing from the builder's map would be a rule not checked.
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!terminals.containsKey(p.getName() + "." + r.getName())) {
                    return ALWAYS;
                }
            }
        }
        Map<Need, Integer> needs = new LinkedHashMap<>();
        List<int[]> paths = new ArrayList<>();
        for (TerminalNode[] nodes : terminals.values()) {
            for (TerminalNode terminal : nodes) {
                if (terminal instanceof QueryTerminalNode) {
                    continue; // a query fires no rule
                }
                if (terminal.getClass() != RuleTerminalNode.class) {
                    return ALWAYS;
                }
                paths.add(needsOf(terminal, readMemberships).stream().mapToInt(n -> needs.computeIfAbsent(n, k -> needs.size())).toArray());
            }
        }
        Set<Class<?>> standard = Stream.of(RecordEntry.class.getPermittedSubclasses()).filter(MatchableEntries::standardTerms)
                .collect(Collectors.toSet());
        return new FiringPrerequisites(new ArrayList<>(needs.keySet()), paths, standard);
    }

    /** The facts a terminal's path takes, from its end back to its start. */
    private static List<Need> needsOf(TerminalNode terminal, boolean readMemberships) {
        List<Need> out = new ArrayList<>();
        for (LeftTupleSource node = terminal.getLeftTupleSource(); node != null; node = node.getLeftTupleSource()) {
            if (node instanceof LeftInputAdapterNode start) {
                needOf(start.getObjectSource(), readMemberships, out);
                break;
            }
            // Exactly a join: its subclasses and every other beta node (not, exists, accumulate) need no fact.
            if (node.getClass() == JoinNode.class) {
                RightInputAdapterNode<?> right = ((JoinNode) node).getRightInput();
                if (!right.inputIsTupleToObjectNode()) {
                    needOf(right.getParent(), readMemberships, out);
                }
            }
        }
        return out;
    }

    /** The fact that comes out of {@code source}: adds nothing when it does not come from a known object type node. */
    private static void needOf(ObjectSource source, boolean readMemberships, List<Need> out) {
        List<EntryRequirement> entries = new ArrayList<>();
        BaseNode at = source;
        while (at instanceof AlphaNode alpha) {
            if (readMemberships) {
                EntryRequirement test = MatchableEntries.requirement(alpha);
                if (!test.any()) {
                    entries.add(test);
                }
            }
            at = alpha.getParent();
        }
        if (at instanceof ObjectTypeNode otn && otn.getEntryPoint().equals(EntryPointId.DEFAULT)
                && otn.getObjectType() instanceof ClassObjectType type) {
            out.add(new Need(type.getClassType(), entries));
        }
    }

    /**
     * Whether some rule could fire in a session holding just {@code facts} (the record entries as inserted, with their
     * value-set tags): false means firing the session would change nothing.
     */
    public boolean someRuleCouldFire(List<?> facts) {
        byte[] met = new byte[needs.size()]; // 0 not checked yet, 1 met, 2 not met
        for (int[] path : paths) {
            boolean all = true;
            for (int i : path) {
                if (met[i] == 0) {
                    met[i] = metBy(needs.get(i), facts) ? (byte) 1 : (byte) 2;
                }
                if (met[i] == 2) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private boolean metBy(Need need, List<?> facts) {
        for (Object fact : facts) {
            if (need.type().isInstance(fact) && passes(need, fact)) {
                return true;
            }
        }
        // Drools' initial fact (the start of a rule that begins with not, accumulate or eval) is in every session.
        return need.type().isInstance(InitialFactImpl.getInstance());
    }

    private boolean passes(Need need, Object fact) {
        if (!(fact instanceof RecordEntry entry) || !standardEntries.contains(fact.getClass())) {
            return true;
        }
        for (EntryRequirement test : need.entries()) {
            if (!test.passes(entry, entry.valueSets())) {
                return false;
            }
        }
        return true;
    }
}
