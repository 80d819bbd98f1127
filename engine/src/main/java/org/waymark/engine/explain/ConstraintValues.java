package org.waymark.engine.explain;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * Evaluates a constraint, or one side of it, for one fact as Drools' MVEL dialect would: unqualified names and
 * {@code this} refer to the fact, {@code $names} to what the match bound, {@code asOf} and {@code params} to the globals.
 * Only for showing values: whether a condition holds is always Drools' own answer (the probe rules). Anything this
 * cannot evaluate is {@link #UNKNOWN}, never an error.
 */
final class ConstraintValues {
    /** A value that could not be evaluated. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "?";
        }
    };

    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "new", "instanceof");

    private final ParserContext context = new ParserContext();
    private final Map<String, Object> globals;
    private final Map<String, Serializable> compiled = new HashMap<>();

    ConstraintValues(List<String> imports, Map<String, Object> globals) {
        this.globals = Map.copyOf(globals);
        ClassLoader loader = ConstraintValues.class.getClassLoader();
        for (String target : imports) {
            try {
                if (target.endsWith(".*")) {
                    context.addPackageImport(target.substring(0, target.length() - 2));
                } else {
                    Class<?> type = Class.forName(target, false, loader);
                    context.addImport(type.getSimpleName(), type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // An import this cannot resolve only leaves the expressions using it unevaluated.
            }
        }
    }

    Object evaluate(String expression, Object fact, Map<String, Object> bound) {
        try {
            Serializable code = compiled.computeIfAbsent(expression, e -> MVEL.compileExpression(onFact(e), context));
            Map<String, Object> vars = new HashMap<>(globals);
            vars.putAll(bound);
            vars.put(Probe.FACT, fact);
            return MVEL.executeExpression(code, vars);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Rewrites a constraint so names that refer to the pattern's fact read it from {@link Probe#FACT}. */
    String onFact(String expression) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'') {
                int end = Brackets.endOfString(expression, i);
                out.append(expression, i, Math.min(end + 1, expression.length()));
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < expression.length() && (Character.isLetterOrDigit(expression.charAt(end)) || expression.charAt(end) == '.')) {
                    end++;
                }
                out.append(expression, i, end);
                i = end;
            } else if (c == '$' || Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < expression.length() && Character.isJavaIdentifierPart(expression.charAt(end))) {
                    end++;
                }
                out.append(name(expression.substring(i, end), afterDot(out)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String name(String name, boolean qualified) {
        if (qualified || name.startsWith("$") || KEYWORDS.contains(name) || globals.containsKey(name) || Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return name.equals("this") ? Probe.FACT : Probe.FACT + "." + name;
    }

    private static boolean afterDot(CharSequence out) {
        for (int i = out.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(out.charAt(i))) {
                return out.charAt(i) == '.';
            }
        }
        return false;
    }
}
