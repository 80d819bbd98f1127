package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.waymark.screening.measures.Disclosure;

/** The charts draw only published figures, name themselves, and take a monthly series as well as bars. */
class SvgChartTest {
    private static final Disclosure SDC = Disclosure.NHS_SDC;

    @Test
    void aSuppressedFigureIsNeverDrawnAsABar() {
        String svg = SvgChart.bars("c", "Registered <patients>", "", List.of(new SvgChart.Bar("North", SDC.count(40)),
                new SvgChart.Bar("Tiny", SDC.count(3))), OptionalDouble.empty());
        assertEquals(1, count(svg, "<rect class=\"bar\""));
        assertTrue(svg.contains("data-label=\"North\""), svg);
        assertTrue(svg.contains("<text class=\"withheld\""), svg);
        assertTrue(svg.contains("<title id=\"c-title\">Registered &lt;patients&gt;</title>"), "the title is escaped: " + svg);
        assertTrue(svg.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""), svg);
        assertFalse(svg.contains("class=\"standard\""), "no standard asked for, none drawn");
    }

    @Test
    void theStandardLineSitsAtItsValueOnTheAxis() {
        String svg = SvgChart.bars("k", "UCR % met", "%", List.of(new SvgChart.Bar("North", SDC.percent(70, 100))), OptionalDouble.of(70));
        Matcher standard = Pattern.compile("<line class=\"standard\" x1=\"\\d+\" x2=\"\\d+\" y1=\"([0-9.]+)\"").matcher(svg);
        Matcher bar = Pattern.compile("<rect class=\"bar\" data-label=\"North\" x=\"[0-9.]+\" y=\"([0-9.]+)\"").matcher(svg);
        assertTrue(standard.find() && bar.find(), svg);
        assertEquals(standard.group(1), bar.group(1), "a bar exactly at the standard tops out on the line");
    }

    @Test
    void aMonthlySeriesIsALinePerSeriesOverTheMonths() {
        SvgChart.Series north = new SvgChart.Series("North PCN", List.of(new SvgChart.Point(YearMonth.of(2025, 12), SDC.percent(60, 100)),
                new SvgChart.Point(YearMonth.of(2026, 1), SDC.percent(3, 4)), new SvgChart.Point(YearMonth.of(2026, 2), SDC.percent(80, 100))));
        SvgChart.Series south = new SvgChart.Series("South PCN", List.of(new SvgChart.Point(YearMonth.of(2026, 1), SDC.percent(50, 100))));
        String svg = SvgChart.monthly("m", "UCR by month", "%", List.of(north, south), OptionalDouble.of(70));
        assertEquals(2, count(svg, "<polyline class=\"series"));
        assertEquals(3, count(svg, "<circle class=\"point\""), "January's suppressed share is left out of North's line");
        assertEquals(3, count(svg, "<text class=\"x-label\""), "one label per month");
        assertTrue(svg.contains(">2025-12</text>") && svg.contains(">2026-02</text>"), svg);
        assertEquals(1, count(svg, "<line class=\"standard\""));
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }
}
