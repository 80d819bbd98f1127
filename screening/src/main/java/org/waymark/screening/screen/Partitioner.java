package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.IdType;

/**
 * Pass 1 of screening: streams every {@code *.ndjson} file of a Bulk Data export and spills each line into
 * one of P partition files by a hash of its patient, so pass 2 can group a partition's patients in memory.
 * Memory stays bounded whatever the population size. A line that is not JSON, has no resourceType, or names
 * no patient is reported (file, line, reason) and skipped; a truncated last line is just such a line.
 * Each spilled line keeps its origin and patient: {@code file<TAB>line<TAB>patient<TAB>json}.
 */
final class Partitioner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Partitioner() {
    }

    static List<SkippedLine> partition(Path input, Path workDir, int partitions, LongConsumer linesRead) throws IOException {
        List<SkippedLine> skipped = new ArrayList<>();
        Files.createDirectories(workDir);
        BufferedWriter[] out = new BufferedWriter[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                out[p] = Files.newBufferedWriter(partitionFile(workDir, p), StandardCharsets.UTF_8);
            }
            for (Path file : inputs(input)) {
                String name = file.getFileName().toString();
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    long n = 0;
                    while ((line = in.readLine()) != null) {
                        n++;
                        linesRead.accept(1);
                        if (line.isBlank()) {
                            continue;
                        }
                        String patient;
                        try {
                            patient = patientOf(JSON.readTree(line));
                        } catch (JsonProcessingException e) {
                            skipped.add(new SkippedLine(name, n, "not valid JSON: " + e.getOriginalMessage()));
                            continue;
                        } catch (IllegalArgumentException e) {
                            skipped.add(new SkippedLine(name, n, e.getMessage()));
                            continue;
                        }
                        int p = Math.floorMod(patient.hashCode(), partitions);
                        out[p].write(name);
                        out[p].write('\t');
                        out[p].write(Long.toString(n));
                        out[p].write('\t');
                        out[p].write(patient);
                        out[p].write('\t');
                        out[p].write(line);
                        out[p].write('\n');
                    }
                }
            }
        } finally {
            for (BufferedWriter w : out) {
                if (w != null) {
                    w.close();
                }
            }
        }
        return skipped;
    }

    static List<Path> inputs(Path input) throws IOException {
        try (Stream<Path> files = Files.list(input)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
    }

    static Path partitionFile(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.ndjson", p));
    }

    /**
     * The patient a resource belongs to: a Patient's own id, else the id in its subject or patient reference,
     * relative ({@code Patient/x}) or absolute ({@code https://host/fhir/Patient/x}). A resource is screened
     * only with the patient it names, so one patient's entries never become another's evidence; a reference
     * that names no patient id (such as a {@code urn:uuid}, which NDJSON cannot resolve) skips the line.
     */
    static String patientOf(JsonNode resource) {
        String type = resource.path("resourceType").asText("");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("no resourceType");
        }
        if (type.equals("Patient")) {
            String id = resource.path("id").asText("");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("Patient without an id");
            }
            return id;
        }
        String ref = resource.path("subject").path("reference").asText(resource.path("patient").path("reference").asText(""));
        IdType id = new IdType(ref);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart() || !(ref.startsWith("Patient/") || id.isAbsolute())) {
            throw new IllegalArgumentException(type + " names no patient (subject.reference or patient.reference Patient/<id>)");
        }
        return id.getIdPart();
    }
}
