package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.api.server.ApiException;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordReader;

/**
 * Where CDS Hooks JSON becomes facts. Reads each prefetch key of the service in one of the spec's three
 * states: a resource or Bundle (used), {@code null} (the client knows there is no data), or absent or an
 * OperationOutcome (the client could not prefetch: the {@link Fetcher} asks the FHIR server instead).
 * Data that still cannot be had is a 412, because evaluating without it could recommend wrongly.
 */
public final class PrefetchReader {
    /** Fetches one prefetch key's data from the client's FHIR server; empty when it cannot. */
    @FunctionalInterface
    public interface Fetcher {
        Optional<List<Resource>> fetch(HookRequest request, String key, String template);

        Fetcher NONE = (request, key, template) -> Optional.empty();
    }

    private final Fetcher fetcher;

    public PrefetchReader(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The patient's record from prefetch (or the FHIR server), plus {@code extra} resources such as draft orders. */
    public PatientRecord read(HookRequest request, CdsService service, Instant asOf, List<Resource> extra) {
        String patientId = request.patientId()
                .orElseThrow(() -> ApiException.badRequest("'context.patientId' is required for " + request.hook(), "context.patientId"));
        ObjectNode prefetch = request.prefetch().orElse(null);
        List<Resource> resources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> key : service.prefetch().entrySet()) {
            JsonNode value = prefetch == null ? null : prefetch.get(key.getKey());
            boolean sentNull = prefetch != null && prefetch.has(key.getKey()) && value.isNull();
            if (sentNull) {
                continue;
            }
            if (value != null && !isOperationOutcome(value)) {
                resources.addAll(parse(value, "prefetch." + key.getKey()));
                continue;
            }
            Optional<List<Resource>> fetched = fetcher.fetch(request, key.getKey(), key.getValue());
            if (fetched.isPresent()) {
                resources.addAll(fetched.get());
            } else {
                missing.add(key.getKey());
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(412, "required data was neither prefetched nor retrievable from fhirServer: prefetch keys "
                    + String.join(", ", missing), "prefetch." + missing.get(0));
        }
        checkPatient(resources, patientId);
        resources.addAll(extra);
        try {
            return FactMapper.toRecord(resources, asOf);
        } catch (RecordException e) {
            throw ApiException.badRequest(e.getMessage(), "prefetch");
        }
    }

    private static boolean isOperationOutcome(JsonNode value) {
        return value.isObject() && "OperationOutcome".equals(value.path("resourceType").asText());
    }

    private static List<Resource> parse(JsonNode value, String where) {
        FhirJsonShape.check(value, where);
        try {
            return RecordReader.resources(value.toString(), where);
        } catch (RecordException e) {
            throw ApiException.badRequest(e.getMessage(), where);
        }
    }

    private static void checkPatient(List<Resource> resources, String patientId) {
        for (Resource r : resources) {
            if (r instanceof Patient p && !patientId.equals(p.getIdElement().getIdPart())) {
                throw ApiException.badRequest("prefetch holds Patient/" + p.getIdElement().getIdPart()
                        + " but context.patientId is " + patientId, "prefetch." + PrefetchTemplates.PATIENT_KEY);
            }
        }
    }
}
