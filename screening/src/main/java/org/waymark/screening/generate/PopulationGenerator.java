package org.waymark.screening.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic population as FHIR R4 Bulk Data NDJSON (one file per resource type), deterministic for
 * a seed: each patient draws from its own random stream (seed, index), so the output is identical however
 * it is produced. The shape follows an English ICS: age and sex bands, long-term conditions rising with
 * age, eFI and CFS recorded for older people, ~1.5% of over-65s in care homes, unpaid carers, people on the
 * palliative care register, urgent community response referrals with response times (about 70% within 2
 * hours), emergency attendances and repeat medicines. All people and identifiers are made up; NHS numbers
 * are from the 999 test range. Codes are those of the clinical reference and the pathway definitions. Each person has a
 * home postcode in their practice's area and an ethnic category ({@link Demographics}).
 * That is the {@link Profile#GENERATED} profile (the default, unchanged for a seed); {@link Profile#REALISTIC} writes
 * people of 65 and over with GP-extract-size records instead ({@link RealisticRecord}), their practices as
 * Organization resources (with a GP and a surgery Location each) that the Patient's generalPractitioner references.
 */
public final class PopulationGenerator {
    enum Type {
        Patient, Condition, Observation, Procedure, Encounter, MedicationRequest, ServiceRequest, Flag,
        MedicationStatement, Immunization, AllergyIntolerance, Organization, Practitioner, Location
    }

    /** What population to write: the whole ICS with short records (generated), or older people with GP-extract-size records. */
    public enum Profile {
        GENERATED(EnumSet.range(Type.Patient, Type.Flag)),
        REALISTIC(EnumSet.complementOf(EnumSet.of(Type.ServiceRequest)));

        private final Set<Type> types;

        Profile(Set<Type> types) {
            this.types = types;
        }

        /** The profile named {@code name} (case-insensitive), or an error naming the choices. */
        public static Profile named(String name) {
            for (Profile p : values()) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown profile '" + name + "': generated or realistic");
        }
    }

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOCAL = "https://waymark.example/fhir/CodeSystem/local";
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final String MEDICINE = "https://waymark.example/fhir/CodeSystem/synthetic-medicine";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    /** Age bands (lower bound) and the share of the population in each, roughly an English ICS. */
    private static final int[] BAND_START = {0, 5, 18, 30, 40, 50, 60, 65, 70, 75, 80, 85, 90};
    private static final double[] BAND_SHARE = {.055, .155, .15, .135, .13, .13, .06, .05, .05, .04, .025, .013, .007};
    /** Long-term conditions: code, display, prevalence at 40, at 65 and at 85. */
    private static final Object[][] CONDITIONS = {
            {"59621000", "Essential hypertension", .08, .35, .60},
            {"44054006", "Diabetes mellitus type 2", .04, .14, .20},
            {"13645005", "Chronic obstructive lung disease", .01, .06, .10},
            {"84114007", "Heart failure", .002, .03, .12},
            {"49436004", "Atrial fibrillation", .003, .05, .15},
            {"709044004", "Chronic kidney disease", .01, .08, .25},
            {"52448006", "Dementia", .0005, .02, .18},
            {"1912002", "Fall", .01, .08, .25},
            {"3723001", "Arthritis", .03, .15, .30},
            {"14651005", "Drug-induced osteoporosis", .002, .03, .08},
    };

    private final int patients;
    private final long seed;
    private final LocalDate today;
    private final int practices;
    private final Profile profile;

    public PopulationGenerator(int patients, long seed, Instant asOf, int practices) {
        this(patients, seed, asOf, practices, Profile.GENERATED);
    }

    public PopulationGenerator(int patients, long seed, Instant asOf, int practices, Profile profile) {
        if (patients <= 0 || practices <= 0) {
            throw new IllegalArgumentException("patients and practices must be positive");
        }
        this.patients = patients;
        this.seed = seed;
        this.today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        this.practices = practices;
        this.profile = profile;
    }

    /**
     * Writes {@code <Type>.ndjson} files, {@code pcn-map.csv} (practice to PCN) and {@code deprivation-map.csv} (each
     * practice's postcode district to its IMD decile, see {@link Demographics}) into {@code dir}.
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<Type, BufferedWriter> out = new EnumMap<>(Type.class);
        try {
            for (Type t : profile.types) {
                out.put(t, Files.newBufferedWriter(dir.resolve(t + ".ndjson"), StandardCharsets.UTF_8));
            }
            if (profile == Profile.REALISTIC) {
                references(out);
            }
            for (int i = 0; i < patients; i++) {
                if (profile == Profile.REALISTIC) {
                    olderPatient(i, out);
                } else {
                    patient(i, out);
                }
            }
        } finally {
            for (BufferedWriter w : out.values()) {
                w.close();
            }
        }
        StringBuilder map = new StringBuilder("practice,pcn\n");
        for (int p = 0; p < practices; p++) {
            map.append(practice(p)).append(',').append(pcn(p)).append('\n');
        }
        Files.writeString(dir.resolve("pcn-map.csv"), map.toString());
        Demographics.writeMap(dir, practices);
    }

    /** Each practice as an Organization (ODS code, part of its PCN), with a GP and a surgery Location. */
    private void references(Map<Type, BufferedWriter> out) throws IOException {
        for (int p = 0; p < practices; p++) {
            String ods = practice(p);
            out.get(Type.Organization).write("{\"resourceType\":\"Organization\",\"id\":\"org-" + ods + "\",\"identifier\":[{\"system\":\"" + ODS
                    + "\",\"value\":\"" + ods + "\"}],\"active\":true,\"name\":\"Surgery " + ods + "\",\"partOf\":{\"display\":\"" + pcn(p) + "\"}}\n");
            out.get(Type.Practitioner).write("{\"resourceType\":\"Practitioner\",\"id\":\"gp-" + ods + "\",\"name\":[{\"family\":\"Practitioner\",\"given\":[\"GP\"]}]}\n");
            out.get(Type.Location).write("{\"resourceType\":\"Location\",\"id\":\"loc-" + ods + "\",\"name\":\"Surgery " + ods
                    + "\",\"managingOrganization\":{\"reference\":\"Organization/org-" + ods + "\"}}\n");
        }
    }

    /** A person of 65 or over whose GP practice is referenced as an Organization, with a GP-extract-size record. */
    private void olderPatient(int index, Map<Type, BufferedWriter> out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        String id = String.format(Locale.ROOT, "p%07d", index);
        int age = RealisticRecord.age(r);
        LocalDate birth = today.minusYears(age).minusDays(r.nextInt(365));
        String sex = r.nextDouble() < (age >= 80 ? .6 : .52) ? "female" : "male";
        int practice = r.nextInt(practices);
        String ods = practice(practice);
        out.get(Type.Patient).write("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\""
                + nhsNumber(index) + "\"}],\"gender\":\"" + sex + "\",\"birthDate\":\"" + DAY.format(birth)
                + "\",\"generalPractitioner\":[{\"reference\":\"Organization/org-" + ods + "\"}]" + Demographics.patientElements(demographic(index), practice) + "}\n");
        new RealisticRecord(r, id, age, today, Collections.unmodifiableMap(out)).write("Practitioner/gp-" + ods);
    }

    private void patient(int index, Map<Type, BufferedWriter> out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        String id = String.format(Locale.ROOT, "p%07d", index);
        int age = age(r);
        LocalDate birth = today.minusYears(age).minusDays(r.nextInt(365));
        String sex = r.nextDouble() < (age >= 80 ? .6 : .505) ? "female" : "male";
        String ref = "Patient/" + id;
        int practice = r.nextInt(practices);
        out.get(Type.Patient).write("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\""
                + nhsNumber(index) + "\"}],\"gender\":\"" + sex + "\",\"birthDate\":\"" + DAY.format(birth)
                + "\",\"generalPractitioner\":[{\"identifier\":{\"system\":\"" + ODS + "\",\"value\":\""
                + practice(practice) + "\"}}]" + Demographics.patientElements(demographic(index), practice) + "}\n");
        int n = 0;
        for (Object[] c : CONDITIONS) {
            if (r.nextDouble() < prevalence(age, (double) c[2], (double) c[3], (double) c[4])) {
                coded(out.get(Type.Condition), "Condition", id + "-c" + n++, ref, SNOMED, (String) c[0], (String) c[1], daysAgo(r, 3650), null);
            }
        }
        if (age >= 65) {
            double frailty = Math.min(.6, Math.max(0, .05 + (age - 65) * .012 + r.nextGaussian() * .07));
            if (r.nextDouble() < .7) {
                value(out.get(Type.Observation), id + "-efi", ref, "713636003", "Frailty index score", round(frailty), daysAgo(r, 540));
            }
            if (age >= 75 && r.nextDouble() < .3) {
                value(out.get(Type.Observation), id + "-cfs", ref, "445414007", "Clinical frailty scale", Math.min(9, 3 + (int) (frailty * 12)), daysAgo(r, 720));
            }
            if (r.nextDouble() < (age >= 85 ? .05 : .01)) {
                coded(out.get(Type.Observation), "Observation", id + "-home", ref, SNOMED, "248171000000108", "Lives in care home", daysAgo(r, 1000), null);
            }
            if (age >= 75 && r.nextDouble() < .012) {
                coded(out.get(Type.Flag), "Flag", id + "-pal", ref, SNOMED, "1403151000000103", "On palliative care register", daysAgo(r, 300), null);
            }
            if (r.nextDouble() < .02) {
                ucrReferral(r, out, id, ref);
            }
            if (r.nextDouble() < .15) {
                coded(out.get(Type.Procedure), "Procedure", id + "-smr", ref, SNOMED, "1239511000000100", "Structured medication review", daysAgo(r, 700), null);
            }
        }
        if (age >= 10 && age <= 80 && r.nextDouble() < (age < 18 ? .02 : .07)) {
            coded(out.get(Type.Observation), "Observation", id + "-carer", ref, SNOMED, "302767002", "Cares for a relative", daysAgo(r, 1500), null);
        }
        int admissions = poisson(r, age >= 75 ? .5 : age >= 65 ? .25 : .1);
        for (int a = 0; a < admissions; a++) {
            encounter(out.get(Type.Encounter), id + "-e" + a, ref, "EMER", SNOMED, "4525004", "Emergency department patient visit", daysAgo(r, 500) + "T10:00:00Z", null);
        }
        int medicines = poisson(r, age >= 80 ? 7 : age >= 65 ? 5 : age >= 40 ? 1.5 : .3);
        for (int m = 0; m < medicines; m++) {
            out.get(Type.MedicationRequest).write("{\"resourceType\":\"MedicationRequest\",\"id\":\"" + id + "-m" + m
                    + "\",\"status\":\"active\",\"intent\":\"order\",\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"" + MEDICINE
                    + "\",\"code\":\"med-" + r.nextInt(200) + "\",\"display\":\"Synthetic repeat medicine\"}]},\"subject\":{\"reference\":\"" + ref
                    + "\"},\"authoredOn\":\"" + daysAgo(r, 900) + "\",\"courseOfTherapyType\":{\"coding\":[{\"system\":"
                    + "\"http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy\",\"code\":\"continuous\"}]}}\n");
        }
    }

    /** A referral in the last 60 days; 70% are seen within 2 hours, a few are still waiting. */
    private void ucrReferral(SplittableRandom r, Map<Type, BufferedWriter> out, String id, String ref) throws IOException {
        Instant referred = today.minusDays(1 + r.nextInt(60)).atTime(8 + r.nextInt(11), r.nextInt(60)).toInstant(ZoneOffset.UTC);
        out.get(Type.ServiceRequest).write("{\"resourceType\":\"ServiceRequest\",\"id\":\"" + id + "-ucr\",\"status\":\"active\",\"intent\":\"order\","
                + "\"code\":{\"coding\":[{\"system\":\"" + LOCAL + "\",\"code\":\"ucr-referral\",\"display\":\"Referral to urgent community response\"}]},"
                + "\"subject\":{\"reference\":\"" + ref + "\"},\"authoredOn\":\"" + referred + "\"}\n");
        if (r.nextDouble() < .97) {
            int minutes = r.nextDouble() < .7 ? 20 + r.nextInt(100) : 121 + r.nextInt(240);
            encounter(out.get(Type.Encounter), id + "-ucr-contact", ref, "HH", LOCAL, "ucr-first-contact", "Urgent community response first face-to-face contact",
                    referred.plusSeconds(60L * minutes).toString(), null);
        }
    }

    private static void coded(BufferedWriter w, String type, String id, String ref, String system, String code, String display, String date,
                              String extra) throws IOException {
        String subject = "\"subject\":{\"reference\":\"" + ref + "\"}";
        String concept = "{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]}";
        String body = switch (type) {
            case "Condition" -> "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
                    + "\"code\":" + concept + "," + subject + ",\"onsetDateTime\":\"" + date + "\"";
            case "Observation" -> "\"status\":\"final\",\"code\":" + concept + "," + subject + ",\"effectiveDateTime\":\"" + date + "\"";
            case "Procedure" -> "\"status\":\"completed\",\"code\":" + concept + "," + subject + ",\"performedDateTime\":\"" + date + "\"";
            case "Flag" -> "\"status\":\"active\",\"code\":" + concept + "," + subject + ",\"period\":{\"start\":\"" + date + "\"}";
            default -> throw new IllegalArgumentException(type);
        };
        w.write("{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"," + body + (extra == null ? "" : "," + extra) + "}\n");
    }

    private static void value(BufferedWriter w, String id, String ref, String code, String display, double value, String date) throws IOException {
        coded(w, "Observation", id, ref, SNOMED, code, display, date, "\"valueQuantity\":{\"value\":" + value + "}");
    }

    private static void encounter(BufferedWriter w, String id, String ref, String classCode, String system, String code, String display, String start,
                                  String end) throws IOException {
        w.write("{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"finished\",\"class\":{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"" + classCode + "\"},\"type\":[{\"coding\":[{\"system\":\""
                + system + "\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]}],\"subject\":{\"reference\":\"" + ref
                + "\"},\"period\":{\"start\":\"" + start + "\"" + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}}\n");
    }

    /** A stream of its own for where a person lives and their ethnicity, so the clinical draws are those of earlier versions. */
    private SplittableRandom demographic(int index) {
        return new SplittableRandom(~(seed * 1_000_003L + index));
    }

    private String daysAgo(SplittableRandom r, int maxDays) {
        return DAY.format(today.minusDays(1 + r.nextInt(maxDays)));
    }

    private static int age(SplittableRandom r) {
        double u = r.nextDouble();
        for (int b = 0; b < BAND_SHARE.length; b++) {
            u -= BAND_SHARE[b];
            if (u < 0 || b == BAND_SHARE.length - 1) {
                int width = b + 1 < BAND_START.length ? BAND_START[b + 1] - BAND_START[b] : 10;
                return BAND_START[b] + r.nextInt(width);
            }
        }
        throw new IllegalStateException();
    }

    /** Prevalence interpolated between anchors at 40, 65 and 85; negligible under 18. */
    static double prevalence(int age, double at40, double at65, double at85) {
        if (age < 18) {
            return at40 / 20;
        }
        if (age < 40) {
            return at40 * (age - 18) / 22.0;
        }
        if (age < 65) {
            return at40 + (at65 - at40) * (age - 40) / 25.0;
        }
        return Math.min(at85 * 1.2, at65 + (at85 - at65) * (age - 65) / 20.0);
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String pcn(int p) {
        return "PCN-" + (char) ('A' + p % 8);
    }

    static String practice(int p) {
        return String.format(Locale.ROOT, "Y%05d", 10 + p);
    }

    /** A valid NHS number in the 999 test range: 999 + 6 digits from the index + a modulus-11 check digit. */
    static String nhsNumber(int index) {
        for (int bump = 0; ; bump++) {
            String nine = String.format(Locale.ROOT, "999%06d", (index * 7L + bump) % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
