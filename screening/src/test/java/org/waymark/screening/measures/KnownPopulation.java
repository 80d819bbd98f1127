package org.waymark.screening.measures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.pathways.kpi.PathwayKpi.Outcome;

/**
 * A population whose every count is known, built directly as screened patients and step outcomes:
 * <ul>
 * <li>North PCN, 40 registered (practice N1 25, N2 15): 12 with carers.identify, 3 with proactive-care.frailty-review,
 * 8 with reablement/first-visit overdue, so 23 flagged. UCR first contact (standard 70% in 2 hours, CR-6.1): 15 met at
 * 6, 12, ... 90 minutes, 6 breached at 3 to 8 hours, 2 open: 71.4% met, median 1.1 h, 90th centile 6.0 h.</li>
 * <li>South PCN, 13 registered (practice S1): 1 with carers.identify. UCR: 10 met at 1 hour, 10 breached at 3 hours:
 * 50.0%, median 2.0 h, 90th centile 3.0 h.</li>
 * <li>Tiny PCN, 7 registered (practice T1), nobody flagged. UCR: 3 met at 1 hour.</li>
 * <li>One patient with no practice: PCN "(unknown)".</li>
 * </ul>
 * Ages and sexes: North's first 20 are 85+ and female, its other 20 18-64 and male; South's are 65-74 female; Tiny's
 * and the unknown patient 0-17 male.
 */
public final class KnownPopulation {
    public static final String UCR = "urgent-community-response";

    private KnownPopulation() {
    }

    public static PopulationMeasures measures() {
        PopulationMeasures m = new PopulationMeasures();
        patients().forEach(m::add);
        outcomes().forEach(m::add);
        return m;
    }

    static List<ScreenedPatient> patients() {
        List<ScreenedPatient> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<String> codes = i < 12 ? List.of("carers.identify") : i < 15 ? List.of("proactive-care.frailty-review") : List.of();
            List<String> overdue = i >= 15 && i < 23 ? List.of("reablement/first-visit") : List.of();
            out.add(new ScreenedPatient(i < 25 ? "N1" : "N2", "North PCN", strata(i < 20 ? "85+" : "18-64", i < 20 ? "female" : "male"), codes, overdue));
        }
        for (int i = 0; i < 13; i++) {
            out.add(new ScreenedPatient("S1", "South PCN", strata("65-74", "female"), i == 0 ? List.of("carers.identify") : List.of(), List.of()));
        }
        for (int i = 0; i < 7; i++) {
            out.add(new ScreenedPatient("T1", "Tiny PCN", strata("0-17", "male"), List.of(), List.of()));
        }
        out.add(new ScreenedPatient("", "", strata("0-17", "male"), List.of(), List.of()));
        return out;
    }

    static List<StepOutcome> outcomes() {
        List<StepOutcome> out = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            out.add(ucr("North PCN", Outcome.MET, Duration.ofMinutes(6L * i)));
        }
        for (int h = 3; h <= 8; h++) {
            out.add(ucr("North PCN", Outcome.BREACHED, Duration.ofHours(h)));
        }
        out.add(new StepOutcome("North PCN", UCR, "first-contact", true, 0.7, Outcome.OPEN, Optional.empty()));
        out.add(new StepOutcome("North PCN", UCR, "first-contact", true, 0.7, Outcome.OPEN, Optional.empty()));
        out.add(new StepOutcome("North PCN", "reablement", "first-visit", false, 1.0, Outcome.OPEN, Optional.empty()));
        for (int i = 0; i < 10; i++) {
            out.add(ucr("South PCN", Outcome.MET, Duration.ofHours(1)));
            out.add(ucr("South PCN", Outcome.BREACHED, Duration.ofHours(3)));
        }
        for (int i = 0; i < 3; i++) {
            out.add(ucr("Tiny PCN", Outcome.MET, Duration.ofHours(1)));
        }
        return out;
    }

    private static StepOutcome ucr(String pcn, Outcome outcome, Duration time) {
        return new StepOutcome(pcn, UCR, "first-contact", true, 0.7, outcome, Optional.of(time));
    }

    private static Map<Dimension, String> strata(String ageBand, String sex) {
        Map<Dimension, String> s = new EnumMap<>(Dimension.class);
        s.put(Dimension.AGE_BAND, ageBand);
        s.put(Dimension.SEX, sex);
        return s;
    }
}
