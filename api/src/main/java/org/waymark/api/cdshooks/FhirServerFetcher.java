package org.waymark.api.cdshooks;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.fhir.Fhir;

/**
 * Fetches prefetch data the client did not send from its {@code fhirServer}, with HAPI FHIR's client and
 * the {@code fhirAuthorization} bearer token, following search paging. The token lives only for this
 * request: it is never stored, and nothing about the request or its data is logged. Any failure (server
 * down, 4xx, 5xx) yields empty, which the reader turns into a 412.
 */
public final class FhirServerFetcher implements PrefetchReader.Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(FhirServerFetcher.class);
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z.]+)\\s*}}");
    private static final int MAX_PAGES = 50;

    public FhirServerFetcher() {
        Fhir.context().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        Fhir.context().getRestfulClientFactory().setConnectTimeout(5_000);
        Fhir.context().getRestfulClientFactory().setSocketTimeout(10_000);
    }

    @Override
    public Optional<List<Resource>> fetch(HookRequest request, String key, String template) {
        if (request.fhirServer().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> query = fill(template, request);
        if (query.isEmpty()) {
            return Optional.empty();
        }
        try {
            IGenericClient client = Fhir.context().newRestfulGenericClient(request.fhirServer().get());
            request.fhirAuthorization().map(a -> a.path("access_token").asText(""))
                    .filter(t -> !t.isBlank()).ifPresent(t -> client.registerInterceptor(new BearerTokenAuthInterceptor(t)));
            List<Resource> out = new ArrayList<>();
            if (query.get().contains("?")) {
                Bundle page = client.search().byUrl(query.get()).returnBundle(Bundle.class).execute();
                for (int pages = 1; page != null; pages++) {
                    page.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource).forEach(e -> out.add(e.getResource()));
                    page = page.getLink(Bundle.LINK_NEXT) != null && pages < MAX_PAGES ? client.loadPage().next(page).execute() : null;
                }
            } else {
                out.add((Resource) client.read().resource(query.get().substring(0, query.get().indexOf('/')))
                        .withId(query.get().substring(query.get().indexOf('/') + 1)).execute());
            }
            return Optional.of(out);
        } catch (RuntimeException e) {
            // Only the key and the failure type: the URL holds the patient id.
            LOG.warn("could not fetch prefetch key '{}' from the client's FHIR server ({})", key, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Replaces the spec's prefetch tokens ({{context.patientId}}, {{userPractitionerId}}, ...); empty if one cannot be filled. */
    static Optional<String> fill(String template, HookRequest request) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = value(m.group(1), request);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static Optional<String> value(String token, HookRequest request) {
        Map<String, String> userTypes = Map.of("userPractitionerId", "Practitioner", "userPractitionerRoleId", "PractitionerRole",
                "userPatientId", "Patient", "userRelatedPersonId", "RelatedPerson");
        if (token.startsWith("context.")) {
            JsonNode v = request.context().get(token.substring("context.".length()));
            return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        }
        String type = userTypes.get(token);
        JsonNode user = request.context().get("userId");
        if (type != null && user != null && user.asText().startsWith(type + "/")) {
            return Optional.of(user.asText().substring(type.length() + 1));
        }
        return Optional.empty();
    }
}
