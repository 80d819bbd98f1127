package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.auth.TrustedClients;
import org.waymark.api.net.CappedBody;
import org.waymark.api.net.OutboundHttp;
import org.waymark.engine.fhir.Fhir;

/**
 * Fetches prefetch data the client did not send from its {@code fhirServer}, only when that base URL is
 * allow-listed for the authenticated client (https; http only in development mode) and the request carries
 * a {@code fhirAuthorization} access token, which is sent as the bearer token and nowhere else. Every key
 * is fetched at once (asynchronously) and whatever has not arrived when the fetch budget ends counts as
 * missing. Redirects are not followed, paging links must stay on the same base URL, and each page is
 * capped in size. The token lives only for this request; nothing about the request or its data is logged.
 */
public final class FhirServerFetcher implements PrefetchReader.Fetcher {
    /** A FHIR resource id (FHIR R4 §2.26.0.1 id datatype). */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(FhirServerFetcher.class);
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z.]+)\\s*}}");
    private static final int MAX_PAGES = 50;
    private static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;
    private static final Map<String, String> USER_TYPES = Map.of("userPractitionerId", "Practitioner", "userPractitionerRoleId",
            "PractitionerRole", "userPatientId", "Patient", "userRelatedPersonId", "RelatedPerson");

    private final Optional<TrustedClients> clients;
    private final boolean allowHttp;
    private final HttpClient http = OutboundHttp.client(Duration.ofSeconds(3));

    /** {@code clients} holds each client's allowed FHIR servers; without them (development mode) no server is queried. */
    public FhirServerFetcher(Optional<TrustedClients> clients, boolean allowHttp) {
        this.clients = clients;
        this.allowHttp = allowHttp;
    }

    @Override
    public PrefetchReader.Fetched fetch(HookRequest request, Optional<String> client, Map<String, String> keys, long budgetEndNanos) {
        Optional<String> refusal = refusal(request, client);
        if (refusal.isPresent()) {
            return new PrefetchReader.Fetched(Map.of(), refusal.get());
        }
        URI base = URI.create(request.fhirServer().orElseThrow().replaceAll("/+$", ""));
        String token = accessToken(request).orElseThrow();
        Map<String, CompletableFuture<List<Resource>>> pending = new LinkedHashMap<>();
        keys.forEach((key, template) -> fill(template, request).ifPresent(query -> pending.put(key,
                get(base, URI.create(base + "/" + query), token, budgetEndNanos, new ArrayList<>(), 1))));
        try {
            CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, budgetEndNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Whatever has not arrived (or failed) is missing; see below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, List<Resource>> found = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        pending.forEach((key, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                found.put(key, future.join());
            } else {
                future.cancel(true);
                failed.add(key);
            }
        });
        if (!failed.isEmpty()) {
            // Only the keys: the URLs hold the patient id.
            LOG.warn("could not fetch prefetch keys {} from the client's FHIR server within the fetch budget", failed);
        }
        return new PrefetchReader.Fetched(found, "fhirServer did not return them completely within the fetch budget");
    }

    /** Why fhirServer may not be queried for this call, if it may not. */
    private Optional<String> refusal(HookRequest request, Optional<String> client) {
        if (request.fhirServer().isEmpty()) {
            return Optional.of("the request names no fhirServer");
        }
        if (accessToken(request).isEmpty()) {
            return Optional.of("the request carries no fhirAuthorization access token, so fhirServer was not queried");
        }
        URI url;
        try {
            url = new URI(request.fhirServer().get());
        } catch (java.net.URISyntaxException e) {
            return Optional.of("fhirServer is not a URL");
        }
        String problem = OutboundHttp.problem(url, allowHttp);
        if (problem != null) {
            return Optional.of("fhirServer " + problem);
        }
        boolean allowed = clients.flatMap(c -> client.flatMap(c::client)).map(c -> c.allowsFhirServer(url)).orElse(false);
        return allowed ? Optional.empty()
                : Optional.of("fhirServer is not on this client's fhirServers allow-list (see docs/security.md), so it was not queried");
    }

    private static Optional<String> accessToken(HookRequest request) {
        return request.fhirAuthorization().map(a -> a.path("access_token").asText("")).filter(t -> !t.isBlank());
    }

    /** One page (or a read): parsed, its entries added to {@code out}, then the next page when it stays on {@code base}. */
    private CompletableFuture<List<Resource>> get(URI base, URI url, String token, long budgetEndNanos, List<Resource> out, int page) {
        Duration left = Duration.ofNanos(Math.max(1_000_000, budgetEndNanos - System.nanoTime()));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(left).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, CappedBody.upTo(MAX_PAGE_BYTES)).thenCompose(response -> {
            Resource parsed = parse(response);
            if (!(parsed instanceof Bundle bundle)) {
                out.add(parsed);
                return CompletableFuture.completedFuture(out);
            }
            bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource).forEach(e -> out.add(e.getResource()));
            Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
            if (next == null || !next.hasUrl()) {
                return CompletableFuture.completedFuture(out);
            }
            if (page >= MAX_PAGES || !next.getUrl().startsWith(base + "/") && !next.getUrl().startsWith(base + "?")) {
                throw new CompletionException(new IOException("paging left the FHIR server or exceeded " + MAX_PAGES + " pages"));
            }
            return get(base, URI.create(next.getUrl()), token, budgetEndNanos, out, page + 1);
        });
    }

    private static Resource parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new CompletionException(new IOException("FHIR server answered HTTP " + response.statusCode()));
        }
        try {
            return (Resource) Fhir.context().newJsonParser().parseResource(new String(response.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new CompletionException(new IOException("FHIR server answered something that is not a FHIR resource"));
        }
    }

    /**
     * Replaces the spec's prefetch tokens ({{context.patientId}}, {{userPractitionerId}}, ...) with URL-encoded
     * FHIR ids; empty if one cannot be filled with a valid id.
     */
    static Optional<String> fill(String template, HookRequest request) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = value(m.group(1), request).filter(v -> FHIR_ID.matcher(v).matches());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value.get(), StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static Optional<String> value(String token, HookRequest request) {
        if (token.startsWith("context.")) {
            JsonNode v = request.context().get(token.substring("context.".length()));
            return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        }
        String type = USER_TYPES.get(token);
        JsonNode user = request.context().get("userId");
        if (type != null && user != null && user.asText().startsWith(type + "/")) {
            return Optional.of(user.asText().substring(type.length() + 1));
        }
        return Optional.empty();
    }
}
