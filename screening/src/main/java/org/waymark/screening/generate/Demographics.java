package org.waymark.screening.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where a generated person lives and their ethnic category. Each practice sits in its own area, a made-up postcode
 * district ({@code WM1}, {@code WM2}, ...; WM is no real postcode area), with an Index of Multiple Deprivation decile
 * per area spread over 1 to 10; a patient gets a postcode in their practice's district. The ethnic category (NHS Data
 * Dictionary codes, in the UK Core extension) is drawn in England and Wales proportions: ONS, "Ethnic group, England and
 * Wales: Census 2021" (29 November 2022): White 81.7%, Asian 9.3%, Black 4.0%, Mixed 2.9%, Other 2.1%, split within each
 * group by the census's detailed groups (Gypsy, Roma and other White under C; Arab under S; Chinese, R, is Asian in 2021).
 */
final class Demographics {
    static final String MAP_FILE = "deprivation-map.csv";
    private static final String EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
    private static final String SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland";
    private static final String[] CATEGORY = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "R", "L", "M", "N", "P", "S"};
    /** Per cent of the population in each category above, summing to 100 (census 2021, England and Wales). */
    private static final double[] PERCENT = {74.4, 0.9, 6.4, 0.8, 0.4, 0.8, 0.9, 3.1, 2.7, 1.1, 0.7, 1.7, 1.0, 2.5, 0.5, 2.1};
    /** The letters an inward code may end with (no C, I, K, M, O or V). */
    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private Demographics() {
    }

    /** The Patient elements: the ethnic category extension and a home address with a postcode in the practice's area. */
    static String patientElements(SplittableRandom r, int practice) {
        String postcode = district(practice) + " " + r.nextInt(10) + UNIT_LETTERS.charAt(r.nextInt(UNIT_LETTERS.length()))
                + UNIT_LETTERS.charAt(r.nextInt(UNIT_LETTERS.length()));
        return ",\"extension\":[{\"url\":\"" + EXTENSION + "\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"" + SYSTEM + "\",\"code\":\""
                + category(r) + "\"}]}}],\"address\":[{\"use\":\"home\",\"postalCode\":\"" + postcode + "\"}]";
    }

    /** Writes {@link #MAP_FILE}: each practice's district and its decile. */
    static void writeMap(Path dir, int practices) throws IOException {
        StringBuilder map = new StringBuilder("postcode_district,imd_decile\n");
        for (int p = 0; p < practices; p++) {
            map.append(district(p)).append(',').append(decile(p)).append('\n');
        }
        Files.writeString(dir.resolve(MAP_FILE), map.toString());
    }

    /** 1 to 10, each once in any ten consecutive practices. */
    static int decile(int practice) {
        return 1 + practice * 7 % 10;
    }

    static String district(int practice) {
        return String.format(Locale.ROOT, "WM%d", practice + 1);
    }

    private static String category(SplittableRandom r) {
        double u = r.nextDouble() * 100;
        for (int i = 0; i < CATEGORY.length - 1; i++) {
            u -= PERCENT[i];
            if (u < 0) {
                return CATEGORY[i];
            }
        }
        return CATEGORY[CATEGORY.length - 1];
    }
}
