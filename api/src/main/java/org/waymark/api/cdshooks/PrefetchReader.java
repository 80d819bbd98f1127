package org.waymark.api.cdshooks;

import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.api.http.ApiException;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordPart;

/**
 * Where CDS Hooks prefetch becomes a record. Takes each prefetch key of the service (already read from the body,
 * {@link PrefetchValue}) in one of the spec's three states: a resource or Bundle (used), {@code null} (the client
 * knows there is no data), or absent or an OperationOutcome (the client could not prefetch: the {@link Fetcher} asks
 * the FHIR server for all such keys at once, within a fetch budget). A Bundle holding an OperationOutcome that
 * reports a problem is a partial result and counts as missing too. Data that still cannot be had is a 412 naming the
 * keys, because evaluating without it could recommend wrongly.
 */
public final class PrefetchReader {
    /** Fetches prefetch keys' data from the client's FHIR server; keys it could not fetch are absent from {@code found}. */
    @FunctionalInterface
    public interface Fetcher {
        Fetched fetch(HookRequest request, Optional<String> client, Map<String, String> keys, long budgetEndNanos);

        Fetcher NONE = (request, client, keys, budgetEndNanos) -> new Fetched(Map.of(), "no FHIR server is queried");
    }

    /** What a fetch found, and (for the 412) why the rest could not be had. */
    public record Fetched(Map<String, List<Resource>> found, String whyMissing) {
        public Fetched {
            found = Map.copyOf(found);
        }
    }

    /** The most of the time left before the call's deadline that fetching may use; the rest is for evaluating. */
    private static final double FETCH_SHARE = 0.75;
    private static final long MAX_FETCH_NANOS = Duration.ofSeconds(10).toNanos();

    private final Fetcher fetcher;

    public PrefetchReader(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * The patient's record from prefetch (or the FHIR server, for {@code client}), plus {@code extra} resources
     * such as draft orders; fetching ends in time for the call to answer by {@code deadlineNanos}.
     */
    public PatientRecord read(HookRequest request, Optional<String> client, CdsService service, Instant asOf, List<Resource> extra,
                              long deadlineNanos) {
        String patientId = request.patientId()
                .orElseThrow(() -> ApiException.badRequest("'context.patientId' is required for " + request.hook(), "context.patientId"));
        if (!FhirServerFetcher.FHIR_ID.matcher(patientId).matches()) {
            throw ApiException.badRequest("'context.patientId' must be a FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.')", "context.patientId");
        }
        List<RecordPart> parts = new ArrayList<>();
        Map<String, String> toFetch = new LinkedHashMap<>();
        for (Map.Entry<String, String> key : service.prefetch().entrySet()) {
            PrefetchValue value = request.prefetch().get(key.getKey()).orElse(null);
            if (value instanceof PrefetchValue.SentNull) {
                continue;
            }
            if (value instanceof PrefetchValue.Refused refused) {
                throw refused.problem();
            }
            if (value instanceof PrefetchValue.Data data && !partial(data.parts())) {
                parts.addAll(data.parts());
            } else {
                toFetch.put(key.getKey(), key.getValue());
            }
        }
        if (!toFetch.isEmpty()) {
            Fetched fetched = fetcher.fetch(request, client, toFetch, fetchBudgetEnd(deadlineNanos));
            List<String> missing = new ArrayList<>();
            for (String k : toFetch.keySet()) {
                List<RecordPart> data = fetched.found().containsKey(k) ? parts(fetched.found().get(k), "prefetch." + k) : null;
                if (data == null || partial(data)) {
                    missing.add(k);
                } else {
                    parts.addAll(data);
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiException(412, "required data was neither prefetched nor retrievable from fhirServer: prefetch keys "
                        + String.join(", ", missing) + " (" + fetched.whyMissing() + ")", "prefetch." + missing.get(0));
            }
        }
        checkPatient(parts, patientId);
        parts.addAll(parts(extra, "context.draftOrders"));
        try {
            return RecordAssembler.assemble(parts, asOf);
        } catch (RecordException e) {
            throw ApiException.badRequest(e.getMessage(), "prefetch");
        }
    }

    private static long fetchBudgetEnd(long deadlineNanos) {
        long now = System.nanoTime();
        long left = deadlineNanos == Long.MAX_VALUE ? MAX_FETCH_NANOS : Math.max(0, deadlineNanos - now);
        return now + Math.min(MAX_FETCH_NANOS, (long) (left * FETCH_SHARE));
    }

    /** A search result that reports a problem (an OperationOutcome entry with a warning or worse) is incomplete. */
    static boolean partial(List<RecordPart> parts) {
        return parts.stream().anyMatch(RecordPart::reportsProblem);
    }

    /** Resources the FHIR server returned (or draft orders), already HAPI resources, as parts for the same assembly. */
    private static List<RecordPart> parts(List<Resource> resources, String where) {
        try {
            return FactMapper.parts(resources);
        } catch (RecordException e) {
            throw ApiException.badRequest(e.getMessage(), where);
        }
    }

    private static void checkPatient(List<RecordPart> parts, String patientId) {
        for (RecordPart p : parts) {
            if (p.type().equals("Patient") && !p.id().filter(patientId::equals).isPresent()) {
                throw ApiException.badRequest("prefetch holds Patient/" + p.id().orElse(null)
                        + " but context.patientId is " + patientId, "prefetch." + PrefetchTemplates.PATIENT_KEY);
            }
        }
    }
}
