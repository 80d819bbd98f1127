package org.waymark.screening.measures;

import java.time.YearMonth;
import java.util.List;

/**
 * A monthly series whose every count is known, September to November 2026. North PCN: 40 registered each month;
 * carers.identify 12 in September, none in October, 9 in November; UCR first contact (standard 70%) decided 20 each
 * month, met 16 (80%), 10 (50%), 18 (90%). South PCN: 13 registered; UCR decided 3 in October, 1 met (withheld).
 */
public final class KnownSeries {
    public static final String UCR_STEP = KnownPopulation.UCR + "/first-contact";
    public static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
    public static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    public static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private KnownSeries() {
    }

    public static MonthlySeries series() {
        MonthlySeries s = new MonthlySeries(List.of(SEPTEMBER, OCTOBER, NOVEMBER));
        int[] identify = {12, 0, 9};
        int[] met = {16, 10, 18};
        List<YearMonth> months = s.months();
        for (int m = 0; m < months.size(); m++) {
            for (int i = 0; i < 40; i++) {
                s.registered(months.get(m), "North PCN");
            }
            for (int i = 0; i < 13; i++) {
                s.registered(months.get(m), "South PCN");
            }
            for (int i = 0; i < identify[m]; i++) {
                s.recommendation(months.get(m), "North PCN", "carers.identify");
            }
            for (int i = 0; i < 20; i++) {
                s.kpi(months.get(m), "North PCN", UCR_STEP, 0.7, i < met[m]);
            }
        }
        for (int i = 0; i < 3; i++) {
            s.kpi(OCTOBER, "South PCN", UCR_STEP, 0.7, i < 1);
        }
        return s;
    }
}
