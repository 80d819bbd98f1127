package org.waymark.engine.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the explainer takes DRL apart: constraints, the names conditions bind and need, and constraints read on a fact. */
class DrlPartsTest {
    private static final String DRL = """
            package rules.test;
            import org.waymark.engine.facts.RecordEntry;
            global org.waymark.engine.time.EvaluationTime asOf;

            rule "Latest entry"
                @id("T-1")
            when
                $e : RecordEntry( $when : time, in("x") )
                not RecordEntry( in("x"), time > $when )
                $n : Number( intValue >= 2 ) from accumulate( RecordEntry( in("y") ), count( 1 ) )
            then
            end
            """;

    @Test
    void aConstraintThatBindsAndComparesKeepsBoth() {
        Constraint c = Constraint.parse("$a : age > params.integer(\"min-age\")");

        assertEquals(Optional.of("$a : age"), c.binding());
        assertEquals("age > params.integer(\"min-age\")", c.expression());
        assertEquals(Optional.of("age"), c.left());
        assertEquals(Optional.of(">"), c.operator());
        assertEquals(List.of("min-age"), Constraint.parameters(c.right().orElseThrow()));
        assertTrue(Constraint.parse("$g : categoryOf(\"ltc-\")").bindingOnly());
        assertEquals(Optional.empty(), Constraint.parse("in(\"a\") || in(\"b\")").operator());
    }

    @Test
    void aConditionNeedsTheEarlierConditionsThatBindItsNames() {
        ParsedRule rule = ParsedDrl.parse(new DrlText("t.drl", DRL)).rules().get(0);
        List<Element> e = rule.elements();

        assertEquals(List.of(Element.Kind.PATTERN, Element.Kind.NOT, Element.Kind.ACCUMULATE), e.stream().map(Element::kind).toList());
        assertEquals(java.util.Set.of("$e", "$when"), e.get(0).declares());
        assertEquals(List.of(e.get(0)), Element.needed(e, e.get(1)));
        assertEquals(List.of(), Element.needed(e, e.get(2)), "the accumulate's own pattern binds nothing outside it");
        assertEquals("$n : Number( intValue >= 2 ) from accumulate( RecordEntry( in(\"y\") ), count( 1 ) )",
                e.get(2).pattern().orElseThrow().bound(Probe.FACT), "bound by the author: kept as written");
        assertEquals("$__f : RecordEntry( $when : time )", e.get(0).pattern().orElseThrow().candidates(Probe.FACT),
                "every candidate, with the names the pattern binds");
    }

    @Test
    void constraintsAreReadOnTheFactWithGlobalsAndBoundNamesLeftAlone() {
        ConstraintValues values = new ConstraintValues(List.of("java.util.List"), Map.of("params", "p"));

        assertEquals("$__f.ageYears >= params.integer(\"x\") && $__f.in(\"a b\") && List.of($__f).size() > $s.time",
                values.onFact("ageYears >= params.integer(\"x\") && in(\"a b\") && List.of(this).size() > $s.time"));
        assertEquals(3, values.evaluate("size", List.of(1, 2, 3), Map.of()));
        assertEquals(ConstraintValues.UNKNOWN, values.evaluate("noSuchProperty", List.of(), Map.of()));
    }
}
