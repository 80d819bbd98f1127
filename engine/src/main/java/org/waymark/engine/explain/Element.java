package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.waymark.engine.util.Require;

/**
 * One top-level condition of a rule (an element of its LHS) as written: a pattern (over facts or {@code from} a source such
 * as an accumulate), a {@code not} or {@code exists} of a pattern, or anything else (kept whole). {@code pattern} is the
 * positive pattern, for {@code not} and {@code exists} the one inside. {@code declares}: the names it binds for later
 * conditions; {@code uses}: the names it needs from earlier ones.
 */
record Element(int number, int line, Kind kind, String text, Optional<PatternShape> pattern, Set<String> declares, Set<String> uses) {
    enum Kind {
        PATTERN, ACCUMULATE, NOT, EXISTS, OTHER;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z_]\\w*");
    private static final Pattern DECLARATION = Pattern.compile("(\\$[A-Za-z_]\\w*)\\s*:(?!:)");

    Element {
        Require.nonNull("kind, text, pattern, declares, uses", kind, text, pattern, declares, uses);
        declares = Set.copyOf(declares);
        uses = Set.copyOf(uses);
    }

    static Element of(int number, int line, Kind kind, String text, Optional<PatternShape> pattern) {
        Set<String> local = matches(DECLARATION, text, 1);
        Set<String> uses = matches(VARIABLE, text, 0);
        uses.removeAll(local);
        Set<String> declares = new LinkedHashSet<>();
        if (kind == Kind.PATTERN || kind == Kind.ACCUMULATE) {
            pattern.flatMap(PatternShape::identifier).ifPresent(declares::add);
            pattern.ifPresent(p -> p.constraints().forEach(c -> c.variable().ifPresent(declares::add)));
        } else if (kind == Kind.OTHER) {
            declares.addAll(local);
        }
        return new Element(number, line, kind, text, pattern, declares, uses);
    }

    private static Set<String> matches(Pattern p, String text, int group) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    /** The earlier elements this one needs for its bindings, and the ones those need, in rule order. */
    static List<Element> needed(List<Element> rule, Element element) {
        Set<Integer> wanted = new java.util.TreeSet<>();
        List<Element> work = new ArrayList<>(List.of(element));
        while (!work.isEmpty()) {
            Element e = work.remove(work.size() - 1);
            for (String name : e.uses()) {
                for (int i = e.number() - 2; i >= 0; i--) {
                    if (rule.get(i).declares().contains(name)) {
                        if (wanted.add(i)) {
                            work.add(rule.get(i));
                        }
                        break;
                    }
                }
            }
        }
        return wanted.stream().map(rule::get).toList();
    }
}
