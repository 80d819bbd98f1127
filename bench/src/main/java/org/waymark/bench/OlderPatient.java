package org.waymark.bench;

import org.waymark.fixtures.PatientBuilder;

/**
 * The benchmark workload: a typical older patient with about 150 resources - long-term conditions, scores
 * over several years, repeat medicines, encounters, a care-home admission, a UCR referral.
 */
final class OlderPatient {
    private OlderPatient() {
    }

    static PatientBuilder build() {
        PatientBuilder p = PatientBuilder.patient("bench-1").born("1939-04-02").female().nhsNumber("9434765919").practice("Y00010");
        String[][] conditions = {{"59621000", "Essential hypertension"}, {"44054006", "Diabetes mellitus type 2"}, {"13645005", "COPD"},
                {"84114007", "Heart failure"}, {"49436004", "Atrial fibrillation"}, {"709044004", "Chronic kidney disease"},
                {"52448006", "Dementia"}, {"3723001", "Arthritis"}};
        for (int i = 0; i < conditions.length; i++) {
            p.condition(conditions[i][0], conditions[i][1], (2010 + i) + "-03-01");
        }
        for (int y = 0; y < 10; y++) {
            p.observation("713636003", "Frailty index score", 0.15 + y * 0.02, (2017 + y) + "-05-01");
            p.observation("445414007", "Clinical frailty scale", Math.min(8, 3 + y / 2), (2017 + y) + "-06-01");
            for (int q = 0; q < 4; q++) {
                p.observation("271649006", "Systolic blood pressure", 130 + q, (2017 + y) + "-" + String.format("%02d", q * 3 + 1) + "-15");
            }
        }
        for (int m = 0; m < 25; m++) {
            p.medication("3178960" + (10 + m), "Synthetic repeat medicine " + m, "2026-0" + (1 + m % 9) + "-05");
        }
        for (int e = 0; e < 40; e++) {
            p.encounter(e % 10 == 0 ? "EMER" : "AMB", "185389009", "Follow-up visit", (2023 + e / 15) + "-" + String.format("%02d", 1 + e % 12) + "-10T10:00:00Z", null);
        }
        for (int s = 0; s < 10; s++) {
            p.procedure("1239511000000100", "Structured medication review", (2016 + s) + "-09-01");
        }
        p.finding("248171000000108", "Lives in care home", "2026-11-10");
        p.finding("1912002", "Fall", "2026-02-01");
        p.referral("https://waymark.example/fhir/CodeSystem/local", "ucr-referral", "Referral to urgent community response", "2026-11-24T08:30:00Z");
        return p;
    }
}
