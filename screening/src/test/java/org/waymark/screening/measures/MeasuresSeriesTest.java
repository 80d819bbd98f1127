package org.waymark.screening.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monthly series on {@link KnownSeries}: every month present, suppression per cell, the work file round trip. */
class MeasuresSeriesTest {
    @Test
    void theSeriesIsPublishedWithSuppressionAndEveryMonthPresent() {
        List<Table> tables = KnownSeries.series().publish(Disclosure.NHS_SDC);
        Table measures = tables.get(0);
        assertEquals(MonthlySeries.MEASURES, measures.name());
        assertEquals(List.of(
                "2026-09 North PCN carers.identify 10 300.0", "2026-09 North PCN registered 40 ", "2026-09 South PCN registered 15 ",
                "2026-10 North PCN carers.identify 0 0.0", "2026-10 North PCN registered 40 ", "2026-10 South PCN registered 15 ",
                "2026-11 North PCN carers.identify 10 225.0", "2026-11 North PCN registered 40 ", "2026-11 South PCN registered 15 "),
                text(measures));
        Table kpis = tables.get(1);
        assertEquals(List.of(
                "2026-09 North PCN " + KnownSeries.UCR_STEP + " 15 20 80.0 70", "2026-09 South PCN " + KnownSeries.UCR_STEP + " 0 0  70",
                "2026-10 North PCN " + KnownSeries.UCR_STEP + " 10 20 50.0 70", "2026-10 South PCN " + KnownSeries.UCR_STEP + " * * * 70",
                "2026-11 North PCN " + KnownSeries.UCR_STEP + " 20 20 90.0 70", "2026-11 South PCN " + KnownSeries.UCR_STEP + " 0 0  70"),
                text(kpis));
        assertEquals("3", KnownSeries.series().publish(Disclosure.NONE).get(1).rows().get(3).get(4).text(), "exact without suppression");
    }

    @Test
    void theWorkFileRoundTripsAndAMonthOutsideTheSeriesIsRefused() throws Exception {
        StringWriter out = new StringWriter();
        KnownSeries.series().write(out);
        MonthlySeries read = new MonthlySeries(List.of(KnownSeries.SEPTEMBER, KnownSeries.OCTOBER, KnownSeries.NOVEMBER));
        read.read(new BufferedReader(new StringReader(out.toString())));
        assertEquals(text(KnownSeries.series().publish(Disclosure.NONE).get(1)), text(read.publish(Disclosure.NONE).get(1)));
        assertThrows(IllegalArgumentException.class, () -> read.registered(java.time.YearMonth.of(2026, 12), "North PCN"));
    }

    private static List<String> text(Table t) {
        return t.rows().stream().map(r -> String.join(" ", r.stream().map(Figure::text).toList())).toList();
    }
}
