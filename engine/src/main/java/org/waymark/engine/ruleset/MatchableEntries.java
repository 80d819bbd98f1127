package org.waymark.engine.ruleset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.Declaration;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.EmptyObjectSinkAdapter;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.SingleObjectSinkAdapter;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.extractors.MVELObjectClassFieldReader;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.waymark.engine.facts.RecordEntry;

/**
 * Which record entries some pattern of a KieBase could match, read once from its compiled network, so the evaluator
 * inserts only those (most of an older person's entries are in no value set a rule set looks at, and inserting them cost
 * more than firing the rules).
 *
 * <p>A fact reaches a pattern only through an object type node of a type the fact is an instance of ({@code from}
 * reads expressions over matched facts and globals, never working memory), and then through every alpha node on the
 * way. Per entry class: no such node, no entry; else, per path out of each node, the first alpha constraint's
 * {@link MembershipConstraint requirement}, or every entry when the path starts otherwise (no constraint, another
 * constraint, a node type not known here). What is not understood lets every entry in.
 */
public record MatchableEntries(Map<Class<?>, EntryRequirement> byClass) {
    /** Inserts every entry: for a KieBase the network cannot be read from. */
    public static final MatchableEntries EVERY_ENTRY = new MatchableEntries(Map.of());
    /** The entry methods the understood constraints call: a DRL function, imported function or global of such a name might be called instead. */
    private static final Set<String> ENTRY_TERMS = Set.of("in", "categoryOf", "emergency");
    private static final Pattern ATOM = Pattern.compile("(?:in|categoryOf)\\(\\s*\"[^\"\\\\]*\"\\s*\\)");

    public MatchableEntries {
        byClass = Map.copyOf(byClass);
    }

    /** Entries of a class not analysed pass: unknown means insert. */
    public EntryRequirement test(RecordEntry entry) {
        return byClass.getOrDefault(entry.getClass(), EntryRequirement.ANY);
    }

    public static MatchableEntries of(KieBase kieBase) {
        if (!(kieBase instanceof InternalKnowledgeBase base) || namesEntryTerms(kieBase)) {
            return EVERY_ENTRY;
        }
        List<ObjectTypeNode> nodes = base.getRete().getObjectTypeNodes();
        Map<Class<?>, EntryRequirement> byClass = new HashMap<>();
        for (Class<?> type : RecordEntry.class.getPermittedSubclasses()) {
            EntryRequirement test = EntryRequirement.NONE;
            for (ObjectTypeNode node : nodes) {
                if (!(node.getObjectType() instanceof ClassObjectType c) || c.getClassType().isAssignableFrom(type)) {
                    test = test.or(standardTerms(type) ? paths(node) : EntryRequirement.ANY);
                }
            }
            byClass.put(type, test);
        }
        return new MatchableEntries(byClass);
    }

    /** Whether a DRL function, global or static import could stand for an entry term, so constraints are not read. */
    static boolean namesEntryTerms(KieBase kieBase) {
        for (KiePackage p : kieBase.getKiePackages()) {
            if (p.getFunctionNames().stream().anyMatch(ENTRY_TERMS::contains)
                    || p.getGlobalVariables().stream().map(Global::getName).anyMatch(ENTRY_TERMS::contains)
                    || p instanceof InternalKnowledgePackage internal && internal.getStaticImports().stream()
                    .map(i -> i.substring(i.lastIndexOf('.') + 1)).anyMatch(n -> n.equals("*") || ENTRY_TERMS.contains(n))) {
                return true;
            }
        }
        return false;
    }

    /** The class answers {@code in}, {@code categoryOf} and {@code emergency} as {@link MembershipConstraint} reads them. */
    static boolean standardTerms(Class<?> type) {
        try {
            return type.getMethod("in", String.class).getDeclaringClass() == RecordEntry.class
                    && type.getMethod("categoryOf", String.class).getDeclaringClass() == RecordEntry.class
                    && type.getMethod("emergency").getReturnType() == boolean.class
                    && noAccessor(type, "isEmergency") && noAccessor(type, "getEmergency");
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean noAccessor(Class<?> type, String name) {
        try {
            type.getMethod(name);
            return false;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    private static EntryRequirement paths(ObjectTypeNode node) {
        ObjectSinkPropagator sinks = node.getObjectSinkPropagator();
        // The propagators whose getSinks() lists every sink (hashed and range-indexed alpha nodes included).
        if (!(sinks instanceof CompositeObjectSinkAdapter || sinks instanceof SingleObjectSinkAdapter || sinks instanceof EmptyObjectSinkAdapter)) {
            return EntryRequirement.ANY;
        }
        EntryRequirement test = EntryRequirement.NONE;
        for (ObjectSink sink : sinks.getSinks()) {
            test = test.or(sink instanceof AlphaNode alpha ? requirement(alpha) : EntryRequirement.ANY);
        }
        return test;
    }

    /** What an entry passing {@code alpha}'s constraint must have: every entry when the constraint is not understood. */
    static EntryRequirement requirement(AlphaNode alpha) {
        return constraintText(alpha).flatMap(MembershipConstraint::requirement).orElse(EntryRequirement.ANY);
    }

    /** The text of the constraint {@code alpha} tests, this pattern's bindings written out; empty when not readable. */
    private static Optional<String> constraintText(AlphaNode alpha) {
        if (!(alpha.getConstraint() instanceof MVELConstraint constraint) || constraint.getOperators().length > 0) {
            return Optional.empty();
        }
        String text = constraint.getExpression();
        // A binding of the same pattern, e.g. `$group : categoryOf("ltc-"), $group != ""`: its expression in its place.
        for (Declaration d : constraint.getRequiredDeclarations()) {
            if (!(d.getExtractor() instanceof MVELObjectClassFieldReader reader) || !ATOM.matcher(reader.getExpression()).matches()) {
                return Optional.empty();
            }
            Matcher name = Pattern.compile("(?<![\\w$])" + Pattern.quote(d.getIdentifier()) + "(?![\\w$])").matcher(text);
            text = name.replaceAll(Matcher.quoteReplacement(reader.getExpression()));
        }
        return Optional.of(text);
    }
}
