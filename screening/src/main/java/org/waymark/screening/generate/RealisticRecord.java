package org.waymark.screening.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One older person's record shaped like a GP extract: 65 or over, 10–20 years of history, 150–600 entries
 * (about 100–300 KB of NDJSON). Blood pressure, weight, HbA1c, eGFR, eFI and CFS over the years; GP, A&amp;E and
 * admission encounters (admissions with a discharge); repeat and acute medicines with UK Core course codes and
 * medication statements; procedures; long-term conditions; immunisations; allergies (a type the rules never
 * read). Condition, procedure and finding codes are taken from the rule sets' value sets
 * ({@code rules/<rule-set>/1.0.0/valuesets}, {@code rules/shared/...}), so some people meet the rules and some
 * do not; medicine codes are dm+d virtual medicinal products. Every date lies between the start of the history
 * and the day before as-of. Resources carry the metadata an extract carries (profiles, identifiers, categories,
 * performers), which is what makes them GP-extract size.
 */
final class RealisticRecord {
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String UK_COURSE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationRequestCourseOfTherapy";
    private static final String OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String UCUM = "http://unitsofmeasure.org";
    /** Long-term conditions (value set the code is in): code, display, prevalence at 65 and at 90. */
    private static final Object[][] CONDITIONS = {
            {"38341003", "Hypertensive disorder, systemic arterial", .45, .65},      // ltc-hypertension
            {"44054006", "Diabetes mellitus type 2", .16, .20},                        // ltc-diabetes
            {"13645005", "Chronic obstructive lung disease", .07, .10},                // ltc-copd, disease-copd
            {"84114007", "Heart failure", .04, .15},                                   // ltc-heart-failure
            {"49436004", "Atrial fibrillation", .06, .18},                             // ltc-atrial-fibrillation
            {"433144002", "Chronic kidney disease stage 3", .10, .30},                 // ltc-ckd
            {"52448006", "Dementia", .02, .20},                                        // ltc-dementia
            {"230690007", "Cerebrovascular accident", .04, .10},                       // ltc-stroke-tia
            {"53741008", "Coronary arteriosclerosis", .10, .18},                       // ltc-coronary-heart-disease
            {"64859006", "Osteoporosis", .05, .15},                                    // ltc-osteoporosis
            {"49049000", "Parkinson's disease", .01, .03},                             // ltc-parkinsons
            {"3723001", "Arthritis", .20, .35},                                        // ltc-arthritis
            {"128462008", "Secondary malignant neoplastic disease", .005, .02},        // disease-cancer
    };
    /** Frailty deficits (shared/frailty efi-* value sets) recorded as findings: code, display, prevalence at 65 and at 90. */
    private static final Object[][] FINDINGS = {
            {"1912002", "Fall", .08, .30},                                             // efi-falls
            {"165232002", "Urinary incontinence", .05, .25},                           // efi-urinary-incontinence
            {"160683008", "Needs walking aid in home", .03, .30},                      // efi-mobility-problems
            {"849000", "Mature cataract", .05, .20},                                   // efi-vision-problems
            {"162201008", "Insomnia", .05, .10},                                       // efi-sleep-disturbance
            {"89362005", "Weight loss", .02, .10},                                     // efi-weight-loss
            {"160689007", "Housebound", .01, .20},                                     // efi-housebound
    };
    /** dm+d virtual medicinal products common in older people: code, display. */
    private static final String[][] REPEATS = {
            {"319283006", "Amlodipine 5mg tablets"},
            {"320000009", "Atorvastatin 20mg tablets"},
            {"325278007", "Metformin 500mg tablets"},
            {"317972000", "Furosemide 40mg tablets"},
            {"322236009", "Paracetamol 500mg tablets"},
            {"703908003", "Apixaban 5mg tablets"},
            {"326563008", "Oxybutynin 5mg tablets"},
            {"317335003", "Omeprazole 20mg gastro-resistant capsules"},
            {"318590006", "Bisoprolol 2.5mg tablets"},
            {"326192001", "Alendronic acid 70mg tablets"},
    };
    private static final String[][] ACUTES = {
            {"323510009", "Amoxicillin 500mg capsules"},
            {"324357006", "Nitrofurantoin 50mg capsules"},
            {"322280009", "Codeine 30mg tablets"},
    };

    private final SplittableRandom r;
    private final String id;
    private final String ref;
    private final LocalDate today;
    private final LocalDate historyStart;
    private final int age;
    private final Map<PopulationGenerator.Type, Writer> out;
    private int serial;

    RealisticRecord(SplittableRandom r, String id, int age, LocalDate today, Map<PopulationGenerator.Type, Writer> out) {
        this.r = r;
        this.id = id;
        this.ref = "Patient/" + id;
        this.age = age;
        this.today = today;
        this.historyStart = today.minusYears(10 + r.nextInt(11));
        this.out = out;
    }

    /** Ages 65–99, more at the younger end, as in a practice list. */
    static int age(SplittableRandom r) {
        return 65 + (int) Math.min(34, Math.abs(r.nextGaussian()) * 12);
    }

    /** Writes the entries (not the Patient) and returns how many. */
    int write(String practitioner) throws IOException {
        // 150-600 entries, more records towards the short end (mean about 330).
        int target = 150 + (int) (450 * Math.pow(r.nextDouble(), 1.5));
        int written = 0;
        double oldness = Math.min(1, (age - 65) / 25.0);
        boolean diabetic = false;
        for (Object[] c : CONDITIONS) {
            if (r.nextDouble() < (double) c[2] + ((double) c[3] - (double) c[2]) * oldness) {
                diabetic |= c[0].equals("44054006");
                condition((String) c[0], (String) c[1], "active", date());
                written++;
            }
        }
        for (Object[] f : FINDINGS) {
            if (r.nextDouble() < (double) f[2] + ((double) f[3] - (double) f[2]) * oldness) {
                condition((String) f[0], (String) f[1], r.nextDouble() < .7 ? "active" : "resolved", date());
                written++;
            }
        }
        if (r.nextDouble() < .02 + .08 * oldness) {
            coded(PopulationGenerator.Type.Observation, "160734000", "Lives in a nursing home", date(), "social-history");   // care-home-residence
            written++;
        }
        if (r.nextDouble() < .03 * oldness) {
            flag("1403151000000103", "On palliative care register");   // palliative-care-register
            written++;
        }
        if (r.nextDouble() < .05) {
            coded(PopulationGenerator.Type.Observation, "302767002", "Cares for a relative", date(), "social-history");   // is-a-carer
            written++;
        }
        for (LocalDate d = firstAutumn(); !d.isAfter(today.minusDays(1)) && written < target; d = d.plusYears(1)) {
            if (r.nextDouble() < .75) {
                immunization(d.plusDays(r.nextInt(60)));
                written++;
            }
        }
        for (int a = r.nextInt(4); a > 0; a--) {
            allergy();
            written++;
        }
        while (written < target) {
            double u = r.nextDouble();
            LocalDate d = date();
            if (u < .40) {
                written += observation(d, diabetic);
            } else if (u < .68) {
                written += encounter(d, practitioner);
            } else if (u < .90) {
                medication(d);
                written++;
            } else {
                procedure(d);
                written++;
            }
        }
        return written;
    }

    private LocalDate firstAutumn() {
        return LocalDate.of(historyStart.getYear(), 9, 15).isBefore(historyStart) ? LocalDate.of(historyStart.getYear() + 1, 9, 15)
                : LocalDate.of(historyStart.getYear(), 9, 15);
    }

    /** A day in the history, at most the day before as-of; later years are busier, as records are. */
    private LocalDate date() {
        long span = ChronoUnit.DAYS.between(historyStart, today) - 1;
        return historyStart.plusDays((long) (Math.sqrt(r.nextDouble()) * span));
    }

    private int observation(LocalDate d, boolean diabetic) throws IOException {
        double u = r.nextDouble();
        if (u < .35) {
            int sys = 110 + r.nextInt(60);
            write(PopulationGenerator.Type.Observation, "Observation", "\"status\":\"final\"," + category("vital-signs")
                    + ",\"code\":" + concept("75367002", "Blood pressure") + "," + subjectAndDate("effectiveDateTime", d)
                    + ",\"component\":[{\"code\":" + concept("72313002", "Systolic arterial pressure") + ",\"valueQuantity\":" + quantity(sys, "mm[Hg]", "mmHg")
                    + "},{\"code\":" + concept("1091811000000102", "Diastolic arterial pressure") + ",\"valueQuantity\":"
                    + quantity(sys - 40 - r.nextInt(20), "mm[Hg]", "mmHg") + "}]");
        } else if (u < .55) {
            measured("27113001", "Body weight", d, Math.round((55 + r.nextDouble() * 40) * 10) / 10.0, "kg", "kg");
        } else if (u < .65 && diabetic) {
            measured("999791000000106", "Haemoglobin A1c level - International Federation of Clinical Chemistry and Laboratory Medicine standardised",
                    d, 42 + r.nextInt(40), "mmol/mol", "mmol/mol");
        } else if (u < .75) {
            measured("1011481000000105", "eGFR (estimated glomerular filtration rate) using creatinine Chronic Kidney Disease Epidemiology Collaboration equation per 1.73 square metres",
                    d, 25 + r.nextInt(65), "mL/min/{1.73_m2}", "mL/min/1.73m2");
        } else if (u < .88) {
            double frailty = Math.min(.6, Math.max(0, .05 + (age - 65) * .012 + r.nextGaussian() * .07));
            measured("713636003", "Frailty index score", d, Math.round(frailty * 100) / 100.0, "1", "score");   // frailty-index-score
        } else if (u < .94 && age >= 75) {
            measured("445414007", "Clinical frailty scale", d, Math.min(9, 3 + (age - 75) / 5 + r.nextInt(3)), "1", "score");   // clinical-frailty-scale
        } else {
            measured("60621009", "Body mass index", d, Math.round((19 + r.nextDouble() * 14) * 10) / 10.0, "kg/m2", "kg/m2");
        }
        return 1;
    }

    private void measured(String code, String display, LocalDate d, double value, String ucum, String unit) throws IOException {
        write(PopulationGenerator.Type.Observation, "Observation", "\"status\":\"final\"," + category(code.equals("27113001") || code.equals("60621009") ? "vital-signs" : "laboratory")
                + ",\"code\":" + concept(code, display) + "," + subjectAndDate("effectiveDateTime", d) + ",\"issued\":\"" + d + "T12:00:00Z\""
                + ",\"valueQuantity\":" + quantity(value, ucum, unit));
    }

    /** A GP consultation (most), an A&amp;E attendance, or an emergency admission with its discharge. */
    private int encounter(LocalDate d, String practitioner) throws IOException {
        double u = r.nextDouble();
        Instant at = d.atTime(8 + r.nextInt(10), r.nextInt(60)).toInstant(ZoneOffset.UTC);
        String start = at.toString();
        String participant = ",\"participant\":[{\"individual\":{\"reference\":\"" + practitioner + "\"}}]";
        if (u < .82) {
            encounterLine("AMB", "185347001", "Encounter for problem", start, at.plusSeconds(60L * (10 + r.nextInt(11))).toString(), participant);
        } else if (u < .94) {
            encounterLine("EMER", "4525004", "Emergency department patient visit", start, null, "");
        } else {
            LocalDate discharge = d.plusDays(1 + r.nextInt(14));
            if (!discharge.isBefore(today)) {
                discharge = today.minusDays(1);
            }
            encounterLine("IMP", "183452005", "Emergency hospital admission", start, discharge + "T11:00:00Z",   // emergency-admission
                    ",\"priority\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActPriority\",\"code\":\"EM\"}]}"
                            + ",\"hospitalization\":{\"admitSource\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/admit-source\",\"code\":\"emd\"}]},"
                            + "\"dischargeDisposition\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/discharge-disposition\",\"code\":\"home\"}]}}");
        }
        return 1;
    }

    private void encounterLine(String classCode, String code, String display, String start, String end, String extra) throws IOException {
        String ended = end == null || end.compareTo(today.toString()) >= 0 ? "" : ",\"end\":\"" + end + "\"";
        write(PopulationGenerator.Type.Encounter, "Encounter", "\"status\":\"finished\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\""
                + classCode + "\"},\"type\":[" + concept(code, display) + "],\"subject\":{\"reference\":\"" + ref + "\"},\"period\":{\"start\":\"" + start + "\"" + ended + "}"
                + extra + ",\"serviceProvider\":{\"display\":\"" + (classCode.equals("AMB") ? "GP practice" : "Acute trust") + "\"}");
    }

    private void medication(LocalDate d) throws IOException {
        boolean repeat = r.nextDouble() < .8;
        String[] med = repeat ? REPEATS[r.nextInt(REPEATS.length)] : ACUTES[r.nextInt(ACUTES.length)];
        if (repeat && r.nextDouble() < .3) {
            write(PopulationGenerator.Type.MedicationStatement, "MedicationStatement", "\"status\":\"" + (r.nextDouble() < .6 ? "active" : "completed")
                    + "\",\"medicationCodeableConcept\":" + concept(med[0], med[1]) + "," + subjectAndDate("effectiveDateTime", d)
                    + ",\"dateAsserted\":\"" + d + "\",\"dosage\":[{\"text\":\"One to be taken each day\"}]");
            return;
        }
        String status = !repeat || d.isBefore(today.minusYears(1)) ? "completed" : "active";
        write(PopulationGenerator.Type.MedicationRequest, "MedicationRequest", "\"status\":\"" + status + "\",\"intent\":\"order\",\"medicationCodeableConcept\":"
                + concept(med[0], med[1]) + "," + subjectAndDate("authoredOn", d) + ",\"courseOfTherapyType\":{\"coding\":[{\"system\":\"" + UK_COURSE
                + "\",\"code\":\"" + (repeat ? "continuous" : "acute") + "\",\"display\":\"" + (repeat ? "Continuous long term therapy" : "Short course (acute) therapy")
                + "\"}]},\"dosageInstruction\":[{\"text\":\"" + (repeat ? "One to be taken each day" : "One to be taken three times a day for 5 days")
                + "\"}],\"dispenseRequest\":{\"quantity\":{\"value\":" + (repeat ? 28 : 15) + ",\"unit\":\"tablet\"}}");
    }

    private void procedure(LocalDate d) throws IOException {
        double u = r.nextDouble();
        String[] p = u < .35 ? new String[] {"1239511000000100", "Structured medication review"}      // structured-medication-review
                : u < .5 ? new String[] {"185470005", "Home visit elderly assessment"}                 // comprehensive-geriatric-assessment
                : u < .65 ? new String[] {"734163000", "Care plan"}                                    // personalised-care-plan
                : u < .85 ? new String[] {"46973005", "Blood pressure taking"}
                : new String[] {"396550006", "Blood test"};
        write(PopulationGenerator.Type.Procedure, "Procedure", "\"status\":\"completed\",\"code\":" + concept(p[0], p[1]) + "," + subjectAndDate("performedDateTime", d));
    }

    private void condition(String code, String display, String clinical, LocalDate d) throws IOException {
        write(PopulationGenerator.Type.Condition, "Condition", "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\""
                + clinical + "\"}]},\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},"
                + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"problem-list-item\"}]}],\"code\":"
                + concept(code, display) + "," + subjectAndDate("onsetDateTime", d) + ",\"recordedDate\":\"" + d + "\"");
    }

    private void coded(PopulationGenerator.Type type, String code, String display, LocalDate d, String category) throws IOException {
        write(type, "Observation", "\"status\":\"final\"," + category(category) + ",\"code\":" + concept(code, display) + "," + subjectAndDate("effectiveDateTime", d));
    }

    private void flag(String code, String display) throws IOException {
        write(PopulationGenerator.Type.Flag, "Flag", "\"status\":\"active\",\"code\":" + concept(code, display) + ",\"subject\":{\"reference\":\"" + ref
                + "\"},\"period\":{\"start\":\"" + today.minusDays(1 + r.nextInt(300)) + "\"}");
    }

    private void immunization(LocalDate d) throws IOException {
        LocalDate on = d.isBefore(today) ? d : today.minusDays(1);
        write(PopulationGenerator.Type.Immunization, "Immunization", "\"status\":\"completed\",\"vaccineCode\":" + concept("1181000221105", "Influenza virus antigen only vaccine product")   // flu-vaccination
                + ",\"patient\":{\"reference\":\"" + ref + "\"},\"occurrenceDateTime\":\"" + on + "\",\"primarySource\":true,\"lotNumber\":\"FL"
                + (1000 + r.nextInt(9000)) + "\",\"route\":{\"coding\":[{\"system\":\"" + SNOMED + "\",\"code\":\"78421000\",\"display\":\"Intramuscular\"}]}");
    }

    private void allergy() throws IOException {
        write(PopulationGenerator.Type.AllergyIntolerance, "AllergyIntolerance", "\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},\"code\":" + concept("91936005", "Allergy to penicillin")
                + ",\"patient\":{\"reference\":\"" + ref + "\"},\"recordedDate\":\"" + date() + "\"");
    }

    private String subjectAndDate(String field, LocalDate d) {
        return "\"subject\":{\"reference\":\"" + ref + "\"},\"" + field + "\":\"" + d + "\"";
    }

    private static String category(String code) {
        return "\"category\":[{\"coding\":[{\"system\":\"" + OBS_CATEGORY + "\",\"code\":\"" + code + "\"}]}]";
    }

    private static String concept(String code, String display) {
        return "{\"coding\":[{\"system\":\"" + SNOMED + "\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]}";
    }

    private static String quantity(double value, String ucum, String unit) {
        String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return "{\"value\":" + v + ",\"unit\":\"" + unit + "\",\"system\":\"" + UCUM + "\",\"code\":\"" + ucum + "\"}";
    }

    /** One line with the metadata every extract resource carries: profile, identifier, id, then the body. */
    private void write(PopulationGenerator.Type type, String resourceType, String body) throws IOException {
        String rid = id + "-" + serial++;
        Writer w = out.get(type);
        w.write("{\"resourceType\":\"" + resourceType + "\",\"id\":\"" + rid + "\",\"meta\":{\"profile\":[\"https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
                + resourceType + "\"]},\"identifier\":[{\"system\":\"https://waymark.example/fhir/Id/extract-entry\",\"value\":\""
                + rid + "\"}]," + body + "}\n");
    }
}
