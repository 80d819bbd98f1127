package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.http.ApiException;
import org.waymark.api.ops.HealthCheck;
import org.waymark.api.http.Json;

/**
 * Calls every CDS service once on a synthetic patient before the server reports ready, so rule sessions, the FHIR
 * parser and the pathways are loaded and the first real call does not spend its deadline on class loading. No
 * audit row is written; nothing leaves the process.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final String PATIENT = "waymark-warm-up";
    private static final String SNOMED = "http://snomed.info/sct";
    // Electronic frailty index score, moderately frail: enough for the frailty rules and pathways to fire.
    private static final String EFI = "713636003";
    private static final double FRAIL_EFI = 0.31;

    private final Supplier<List<CdsService>> services;
    private final HookInvocation invocation;
    private volatile HealthCheck.Result state = HealthCheck.Result.down("still evaluating each service once before taking calls");

    /** {@code services}: the services offered now. */
    public WarmUp(Supplier<List<CdsService>> services, HookInvocation invocation) {
        this.services = services;
        this.invocation = invocation;
    }

    /**
     * Evaluates each service once as of {@code asOf}, one service per core at a time (the engine serves concurrent calls
     * anyway, and start-up waits for the slowest); a service that fails with an internal error keeps the server not ready.
     */
    public void run(Instant asOf) {
        long started = System.nanoTime();
        List<CdsService> offered = services.get();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(offered.size(), Runtime.getRuntime().availableProcessors())));
        List<String> failed = new ArrayList<>();
        try {
            List<Future<Boolean>> calls = offered.stream().map(s -> pool.submit(() -> call(s, asOf))).toList();
            for (int i = 0; i < offered.size(); i++) {
                if (!outcome(calls.get(i))) {
                    failed.add(offered.get(i).id());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        state = failed.isEmpty() ? HealthCheck.Result.up()
                : HealthCheck.Result.down("warm-up failed with an internal error for services " + String.join(", ", failed));
        LOG.info("warm-up of {} services took {} ms", offered.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** False when the service failed with an internal error. */
    private boolean call(CdsService service, Instant asOf) {
        try {
            invocation.invoke(service.id(), request(service, asOf).toString().getBytes(StandardCharsets.UTF_8), asOf);
        } catch (ApiException e) {
            // Refused input still warmed everything up to the refusal; the synthetic record is not the point.
            LOG.debug("warm-up call of {} refused: {}", service.id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("warm-up call of {} failed: {}", service.id(), e.getClass().getName());
            return false;
        }
        return true;
    }

    private static boolean outcome(Future<Boolean> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            // An Error (not an exception) in the call: not ready either.
            LOG.error("warm-up call failed: {}", e.getCause().getClass().getName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public HealthCheck.Result state() {
        return state;
    }

    private static ObjectNode request(CdsService service, Instant asOf) {
        ObjectNode context = Json.object().put("userId", "Practitioner/" + PATIENT).put("patientId", PATIENT);
        if (service.hook().equals(CdsServiceCatalog.ENCOUNTER_DISCHARGE)) {
            context.put("encounterId", PATIENT + "-encounter");
        }
        if (service.hook().equals(CdsServiceCatalog.ORDER_SIGN)) {
            context.set("draftOrders", Json.object().put("resourceType", "Bundle").put("type", "collection"));
        }
        ObjectNode prefetch = Json.object();
        // Keys without synthetic data are sent as null ("no data"); the rest give rules something to fire on.
        service.prefetch().keySet().forEach(prefetch::putNull);
        prefetch.set(PrefetchTemplates.PATIENT_KEY, Json.object().put("resourceType", "Patient").put("id", PATIENT)
                .put("birthDate", "1940-01-01").put("gender", "female"));
        String recent = asOf.minus(java.time.Duration.ofDays(30)).toString().substring(0, 10);
        if (service.prefetch().containsKey("observations")) {
            ObjectNode efi = Json.object().put("resourceType", "Observation").put("id", PATIENT + "-efi").put("status", "final");
            efi.set("code", Json.object().set("coding", Json.array().add(Json.object().put("system", SNOMED).put("code", EFI))));
            efi.set("subject", Json.object().put("reference", "Patient/" + PATIENT));
            efi.put("effectiveDateTime", recent).set("valueQuantity", Json.object().put("value", FRAIL_EFI));
            prefetch.set("observations", searchset(efi));
        }
        if (service.prefetch().containsKey("encounter")) {
            ObjectNode encounter = Json.object().put("resourceType", "Encounter").put("id", PATIENT + "-encounter").put("status", "in-progress");
            encounter.set("class", Json.object().put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode").put("code", "IMP"));
            encounter.set("subject", Json.object().put("reference", "Patient/" + PATIENT));
            encounter.set("period", Json.object().put("start", recent));
            prefetch.set("encounter", encounter);
        }
        ObjectNode request = Json.object().put("hookInstance", java.util.UUID.randomUUID().toString()).put("hook", service.hook());
        request.set("context", context);
        request.set("prefetch", prefetch);
        return request;
    }

    private static ObjectNode searchset(ObjectNode resource) {
        ObjectNode bundle = Json.object().put("resourceType", "Bundle").put("type", "searchset");
        bundle.set("entry", Json.array().add(Json.object().set("resource", resource)));
        return bundle;
    }
}
