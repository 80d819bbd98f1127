package org.waymark.engine.ruleset;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where things are in DRL text, so problems can name a line: the loader and lint both use it. */
public final class RuleLines {
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$", Pattern.MULTILINE);
    private static final Pattern PARAM = Pattern.compile("params\\.(?:number|integer|text)\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** A parameter a DRL text reads ({@code params.integer("name")}) and the character offset where. */
    public record ParameterUse(String name, int offset) {
    }

    private RuleLines() {
    }

    /** The 1-based line of {@code rule "<name>"} in the DRL text, if it is there. */
    public static OptionalInt ofRule(String drl, String ruleName) {
        Matcher m = RULE.matcher(drl);
        while (m.find()) {
            if (m.group(1).equals(ruleName)) {
                return OptionalInt.of(ofOffset(drl, m.start(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** The text of {@code rule "<name>"} up to its {@code end}, if the rule is there. */
    public static java.util.Optional<String> ruleText(String drl, String ruleName) {
        Matcher m = RULE.matcher(drl);
        while (m.find()) {
            if (m.group(1).equals(ruleName)) {
                Matcher end = END.matcher(drl);
                int stop = end.find(m.end()) ? end.end() : drl.length();
                return java.util.Optional.of(drl.substring(m.start(), stop));
            }
        }
        return java.util.Optional.empty();
    }

    /** Every {@code params.number|integer|text("name")} in the text, in order. */
    public static java.util.List<ParameterUse> parameterUses(String drl) {
        java.util.List<ParameterUse> out = new java.util.ArrayList<>();
        Matcher m = PARAM.matcher(drl);
        while (m.find()) {
            out.add(new ParameterUse(m.group(1), m.start()));
        }
        return out;
    }

    /** The 1-based line of a character offset. */
    public static int ofOffset(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
