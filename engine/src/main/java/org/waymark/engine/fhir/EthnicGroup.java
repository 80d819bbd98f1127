package org.waymark.engine.fhir;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 2021 census high-level ethnic group of a Patient's UK Core "Ethnic Category" extension. The codes are the NHS Data
 * Model and Dictionary's ETHNIC CATEGORY (A to S, Z not stated; 99 not known), grouped as the Dictionary groups them
 * (White A-C, Mixed D-G, Asian or Asian British H-L, Black or Black British M-P, Other R-S), except that R (Chinese) is
 * counted as Asian: the ONS Census 2021 high-level groups put Chinese under "Asian, Asian British or Asian Welsh", and
 * the breakdowns are compared with census proportions. Z, 99 and codes of other systems (the Welsh code system
 * reuses letters with other meanings) give no group.
 */
final class EthnicGroup {
    static final String EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
    /** The England (and England and Wales) code systems of UK Core, which carry the Data Dictionary codes. */
    private static final Set<String> SYSTEMS = Set.of("https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland",
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEnglandAndWales");
    private static final Map<String, String> GROUP = Map.ofEntries(
            Map.entry("A", "White"), Map.entry("B", "White"), Map.entry("C", "White"),
            Map.entry("D", "Mixed"), Map.entry("E", "Mixed"), Map.entry("F", "Mixed"), Map.entry("G", "Mixed"),
            Map.entry("H", "Asian"), Map.entry("J", "Asian"), Map.entry("K", "Asian"), Map.entry("L", "Asian"), Map.entry("R", "Asian"),
            Map.entry("M", "Black"), Map.entry("N", "Black"), Map.entry("P", "Black"),
            Map.entry("S", "Other"));

    private EthnicGroup() {
    }

    /** The group of the first ethnic category extension of {@code patient} with a known code, else empty. */
    static Optional<String> of(Sparse patient) {
        for (Sparse extension : patient.all("extension")) {
            if (!EXTENSION.equals(extension.text("url"))) {
                continue;
            }
            for (Sparse coding : extension.one("valueCodeableConcept").all("coding")) {
                String code = coding.text("code");
                String group = SYSTEMS.contains(coding.text("system")) && code != null ? GROUP.get(code.strip().toUpperCase(Locale.ROOT)) : null;
                if (group != null) {
                    return Optional.of(group);
                }
            }
        }
        return Optional.empty();
    }
}
