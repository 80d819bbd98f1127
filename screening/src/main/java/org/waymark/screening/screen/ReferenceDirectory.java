package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The export's reference resources (Organization, Practitioner, PractitionerRole, Location), kept only for
 * attribution: a patient's {@code generalPractitioner} naming {@code Organization/x} (or a Practitioner or
 * PractitionerRole working there) is attributed to that Organization's ODS code, and to its PCN (the
 * {@code partOf} Organization's name, or its display) when the practice,pcn map does not name one.
 * Filled by pass 1 on several threads; saved in the work folder so a resumed run attributes the same way.
 */
final class ReferenceDirectory {
    static final Set<String> TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location");
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

    /** Kind and id to value: {@code ods|org}, {@code name|org}, {@code partOf|org}, {@code org|role} and {@code org|practitioner}. */
    private final Map<String, String> facts = new ConcurrentHashMap<>();
    private final Map<String, String> organizationByOds = new ConcurrentHashMap<>();

    void add(JsonNode resource) {
        String type = resource.path("resourceType").asText();
        String id = resource.path("id").asText("");
        if (id.isEmpty()) {
            return;
        }
        switch (type) {
            case "Organization" -> {
                for (JsonNode identifier : resource.path("identifier")) {
                    if (ODS.equals(identifier.path("system").asText()) && !identifier.path("value").asText("").isBlank()) {
                        put("ods", id, identifier.path("value").asText().strip());
                    }
                }
                put("name", id, resource.path("name").asText(""));
                JsonNode partOf = resource.path("partOf");
                put("partOf", id, idOf(partOf.path("reference").asText(""), "Organization").map(o -> "#" + o).orElse(partOf.path("display").asText("")));
            }
            case "PractitionerRole" -> idOf(resource.path("organization").path("reference").asText(""), "Organization").ifPresent(org -> {
                put("org", "PractitionerRole/" + id, org);
                idOf(resource.path("practitioner").path("reference").asText(""), "Practitioner").ifPresent(p -> put("org", "Practitioner/" + p, org));
            });
            default -> {
                // Practitioner and Location carry nothing attribution needs; they are counted, not skipped.
            }
        }
    }

    private void put(String kind, String id, String value) {
        if (!value.isBlank()) {
            String clean = value.replace('\t', ' ').replace('\n', ' ');
            facts.putIfAbsent(kind + "|" + id, clean);
            if (kind.equals("ods")) {
                organizationByOds.putIfAbsent(clean, id);
            }
        }
    }

    /** The ODS code of the practice a patient's generalPractitioner names, or the value as given when it names none known. */
    String practice(String generalPractitioner) {
        Optional<String> org = idOf(generalPractitioner, "Organization")
                .or(() -> idOf(generalPractitioner, "PractitionerRole").map(r -> facts.get("org|PractitionerRole/" + r)))
                .or(() -> idOf(generalPractitioner, "Practitioner").map(p -> facts.get("org|Practitioner/" + p)));
        return org.map(o -> facts.get("ods|" + o)).orElse(generalPractitioner);
    }

    /** The PCN of a practice (ODS code) from its Organization's partOf, when the export says. */
    Optional<String> pcn(String ods) {
        return Optional.ofNullable(organizationByOds.get(ods)).map(org -> facts.get("partOf|" + org))
                .map(p -> p.startsWith("#") ? facts.getOrDefault("name|" + p.substring(1), facts.getOrDefault("ods|" + p.substring(1), "")) : p)
                .filter(p -> !p.isEmpty());
    }

    /** The id part of a relative or absolute reference to {@code type}. */
    private static Optional<String> idOf(String reference, String type) {
        int at = reference.lastIndexOf(type + "/");
        if (at < 0 || at > 0 && reference.charAt(at - 1) != '/' || reference.startsWith("urn:")) {
            return Optional.empty();
        }
        String id = reference.substring(at + type.length() + 1);
        int history = id.indexOf('/');
        id = history < 0 ? id : id.substring(0, history);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(facts).forEach((k, v) -> lines.add(k + "\t" + v));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static ReferenceDirectory load(Path file) throws IOException {
        ReferenceDirectory d = new ReferenceDirectory();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] key = l.split("[|\t]", 3);
                d.put(key[0], key[1], key[2]);
            }
        }
        return d;
    }
}
