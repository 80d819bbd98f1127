package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.waymark.engine.util.Require;

/**
 * A DRL file parsed into Drools descriptors ({@link DrlParser}): its package, imports and globals (what a probe file in
 * the same package needs) and its rules with their top-level conditions.
 */
record ParsedDrl(DrlText source, String packageName, List<String> imports, List<String> globals, List<ParsedRule> rules) {
    ParsedDrl {
        Require.nonNull("source, packageName, imports, globals, rules", source, packageName, imports, globals, rules);
        imports = List.copyOf(imports);
        globals = List.copyOf(globals);
        rules = List.copyOf(rules);
    }

    static ParsedDrl parse(DrlText drl) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl.text());
        } catch (DroolsParserException e) {
            throw new IllegalStateException("cannot parse " + drl.name() + ": " + e.getMessage(), e);
        }
        if (pkg == null || parser.hasErrors()) {
            throw new IllegalStateException("cannot parse " + drl.name() + ": " + parser.getErrors());
        }
        List<String> imports = new ArrayList<>(pkg.getImports().stream().map(ImportDescr::getTarget).toList());
        List<String> globals = pkg.getGlobals().stream().map(g -> g.getType() + " " + g.getIdentifier()).toList();
        List<ParsedRule> rules = pkg.getRules().stream().map(r -> rule(r, drl.text())).toList();
        return new ParsedDrl(drl, pkg.getName(), imports, globals, rules);
    }

    private static ParsedRule rule(RuleDescr rule, String text) {
        List<Element> elements = new ArrayList<>();
        for (BaseDescr d : rule.getLhs().getDescrs()) {
            elements.add(element(elements.size() + 1, d, text));
        }
        return new ParsedRule(rule.getName(), elements);
    }

    private static Element element(int number, BaseDescr d, String text) {
        String written = slice(d, text);
        if (d instanceof PatternDescr p) {
            Element.Kind kind = p.getSource() instanceof AccumulateDescr ? Element.Kind.ACCUMULATE : Element.Kind.PATTERN;
            return Element.of(number, d.getLine(), kind, written, PatternShape.of(p, written));
        }
        if ((d instanceof NotDescr || d instanceof ExistsDescr) && inner(d) instanceof PatternDescr p) {
            Element.Kind kind = d instanceof NotDescr ? Element.Kind.NOT : Element.Kind.EXISTS;
            return Element.of(number, d.getLine(), kind, written, PatternShape.of(p, slice(p, text)));
        }
        return Element.of(number, d.getLine(), Element.Kind.OTHER, written, Optional.empty());
    }

    private static Object inner(BaseDescr d) {
        List<?> descrs = d instanceof NotDescr n ? n.getDescrs() : ((ExistsDescr) d).getDescrs();
        return descrs.size() == 1 ? descrs.get(0) : null;
    }

    private static String slice(BaseDescr d, String text) {
        int start = d.getStartCharacter();
        int end = d.getEndCharacter();
        if (start < 0 || end <= start || end > text.length()) {
            throw new IllegalStateException("the DRL parser gave no position for a condition on line " + d.getLine());
        }
        return text.substring(start, end);
    }

    /** The header a probe file in this package needs: package, imports and globals as written here. */
    String header() {
        StringBuilder out = new StringBuilder("package ").append(packageName).append(";\n\n");
        imports.forEach(i -> out.append("import ").append(i).append(";\n"));
        globals.forEach(g -> out.append("global ").append(g).append(";\n"));
        return out.toString();
    }
}
