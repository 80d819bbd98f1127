package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.input.Mutator;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * The streaming request reader ({@link HookRequestParser} with {@link PrefetchValue}) gives what the reader before it
 * gave (the whole body as a tree, then each prefetch value read from the tree; kept below as the reference): the same
 * refusal (status, message, field) or the same request fields and the same record, on every request fixture, every
 * bundled scenario sent as prefetch, the specification's examples, hostile variants of them, and bodies whose bytes are
 * not plain UTF-8.
 */
class RequestReadersAgreeTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final List<String> KEYS = keys();
    private static final Path EXAMPLES = Path.of("src/test/resources/cds-hooks-spec-examples");
    private static final int MUTATIONS = 4_000;

    @Test
    void fixturesAndSpecificationExamples() throws Exception {
        int answered = 0;
        for (String body : seeds()) {
            answered += agree(body.getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
        }
        assertTrue(answered >= 4, "the fixtures are read, not refused: " + answered);
    }

    @Test
    void everyBundledScenarioAsPrefetch() throws Exception {
        Path root = TestServer.rules().getParent();
        List<Path> files = new ArrayList<>(ScenarioLoader.find(root.resolve("rules")));
        files.addAll(ScenarioLoader.find(root.resolve("pathways").resolve("definitions")));
        assertTrue(files.size() > 200, "every bundled scenario is found: " + files.size());
        for (Path f : files) {
            assertTrue(agree(request(ScenarioLoader.resources(f)).getBytes(StandardCharsets.UTF_8)), f + " is read, not refused");
        }
    }

    @Test
    void hostileVariants() throws Exception {
        List<String> seeds = seeds();
        Mutator mutator = new Mutator(new Random(20261125L));
        Random random = new Random(20261125L);
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String body = seeds.get(random.nextInt(seeds.size()));
            String mutated = mutator.mutate(body).body();
            if (random.nextBoolean()) {
                // A mutation of a mutation, to combine faults whose order matters (some mutations need valid JSON).
                try {
                    mutated = mutator.mutate(mutated).body();
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    // left as it was: not JSON, empty, or without a container
                }
            }
            refused += agree(mutated.getBytes(StandardCharsets.UTF_8)) ? 0 : 1;
        }
        assertTrue(refused > MUTATIONS / 2, "most variants are refused: " + refused);
    }

    @Test
    void bytesThatAreNotPlainUtf8() throws Exception {
        String valid = CdsHooksRequests.fixture("frail-patient-view.json");
        String in = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
        assertTrue(valid.contains(in));
        int[][] sequences = {{0xC0, 0x80}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xFF}, {0x80}, {0xC3},
            {0xC3, 0xA9}, {0xF0, 0x9F, 0x98, 0x80}, {0}};
        for (int[] sequence : sequences) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(valid.substring(0, valid.indexOf(in)).getBytes(StandardCharsets.UTF_8));
            for (int x : sequence) {
                b.write(x);
            }
            b.writeBytes(valid.substring(valid.indexOf(in)).getBytes(StandardCharsets.UTF_8));
            agree(b.toByteArray());
        }
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(valid.getBytes(StandardCharsets.UTF_8));
        agree(bom.toByteArray());
        agree(valid.getBytes(StandardCharsets.UTF_16));
        for (String nul : new String[] {"\\u0000", "\\\\u0000", "\\\\\\u0000", "\\\\\\\\u0000", "\\u00000"}) {
            agree(valid.replace(in, "x" + nul).getBytes(StandardCharsets.UTF_8));
            agree(valid.replace("\"reference\"", "\"ref" + nul + "\"").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void decimalsAsWritten() throws Exception {
        String valid = CdsHooksRequests.fixture("frail-patient-view.json");
        for (String value : new String[] {"0.310", "3.1e-1", "31E-2", "0.31000000000000000000001", "1", "1.0"}) {
            agree(valid.replace("\"value\" : 0.31", "\"value\" : " + value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Asserts that both readers agree on {@code body}; true when it was read, false when refused. */
    private static boolean agree(byte[] body) {
        List<Object> before = before(new String(body, StandardCharsets.UTF_8));
        assertEquals(before, now(body), () -> "the body: " + new String(body, StandardCharsets.UTF_8));
        shapesAgree(new String(body, StandardCharsets.UTF_8));
        return !(before.get(before.size() - 1) instanceof Refusal);
    }

    /** {@link FhirJsonShape#check} on a tree (as for draft orders) agrees with the check before it on every value sent. */
    private static void shapesAgree(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return;
        }
        List<JsonNode> values = new ArrayList<>();
        root.path("prefetch").forEach(values::add);
        values.add(root.path("context").path("draftOrders"));
        for (JsonNode value : values) {
            Optional<Refusal> before = refusal(() -> shape(value, "v"));
            assertEquals(before, refusal(() -> FhirJsonShape.check(value, "v")), value::toString);
        }
    }

    private static Optional<Refusal> refusal(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(Refusal.of(e));
        }
    }

    private record Refusal(int status, String issues) {
        static Refusal of(ApiException e) {
            return new Refusal(e.status(), e.issues().toString());
        }
    }

    private static List<Object> now(byte[] body) {
        List<Object> out = new ArrayList<>();
        try {
            HookRequest r = HookRequestParser.parse(body, Set.copyOf(KEYS));
            out.add(List.of(r.hookInstance(), r.hook(), r.context(), r.fhirServer(), r.fhirAuthorization()));
            List<RecordPart> parts = new ArrayList<>();
            for (String key : KEYS) {
                PrefetchValue v = r.prefetch().get(key).orElse(new PrefetchValue.NotPrefetched());
                if (v instanceof PrefetchValue.Refused refused) {
                    throw refused.problem();
                }
                out.add(key + (v instanceof PrefetchValue.Data d ? " partial " + PrefetchReader.partial(d.parts())
                        : v instanceof PrefetchValue.SentNull ? " null" : " not sent"));
                if (v instanceof PrefetchValue.Data d) {
                    parts.addAll(d.parts());
                }
            }
            out.add(record(parts));
        } catch (ApiException e) {
            out.add(Refusal.of(e));
        }
        return out;
    }

    // The reader before the streaming one, as it was (HookRequestParser's reading, FhirJsonShape and PrefetchReader).

    private static List<Object> before(String body) {
        List<Object> out = new ArrayList<>();
        try {
            JsonNode root = Json.readRequest(body);
            if (!root.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object", "$");
            }
            // The checks of the other members are shared: the order of the checks, and the prefetch, are compared.
            JsonNode prefetch = root.get("prefetch");
            ObjectNode others = ((ObjectNode) root).deepCopy();
            if (prefetch != null && prefetch.isObject()) {
                others.remove("prefetch");
            }
            HookRequest r = HookRequestParser.checked(others, Prefetch.NONE);
            out.add(List.of(r.hookInstance(), r.hook(), r.context(), r.fhirServer(), r.fhirAuthorization()));
            ObjectNode sent = prefetch != null && prefetch.isObject() ? (ObjectNode) prefetch : null;
            List<RecordPart> parts = new ArrayList<>();
            for (String key : KEYS) {
                JsonNode value = sent == null ? null : sent.get(key);
                if (sent != null && sent.has(key) && value.isNull()) {
                    out.add(key + " null");
                } else if (value == null || value.isObject() && "OperationOutcome".equals(value.path("resourceType").asText())) {
                    out.add(key + " not sent");
                } else {
                    shape(value, "prefetch." + key);
                    List<RecordPart> data;
                    try {
                        data = RecordStream.parts(value, "prefetch." + key);
                    } catch (RecordException e) {
                        throw ApiException.badRequest(e.getMessage(), "prefetch." + key);
                    }
                    out.add(key + " partial " + PrefetchReader.partial(data));
                    parts.addAll(data);
                }
            }
            out.add(record(parts));
        } catch (ApiException e) {
            out.add(Refusal.of(e));
        }
        return out;
    }

    private static void shape(JsonNode value, String where) {
        if (!value.isObject() || !value.path("resourceType").isTextual() || value.path("resourceType").asText().isBlank()) {
            throw ApiException.badRequest("'" + where + "' must be a FHIR resource or Bundle with a resourceType", where);
        }
        if (!"Bundle".equals(value.get("resourceType").asText()) || !value.has("entry")) {
            return;
        }
        JsonNode entries = value.get("entry");
        if (!entries.isArray()) {
            throw ApiException.badRequest("'" + where + ".entry' must be an array", where + ".entry");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = where + ".entry[" + i + "]";
            if (!entry.isObject()) {
                throw ApiException.badRequest("'" + at + "' must be an object", at);
            }
            if (entry.has("resource")) {
                shape(entry.get("resource"), at + ".resource");
            }
        }
    }

    /** The record the parts make, as {@link PrefetchReader} assembles it, or why they make none. */
    private static Object record(List<RecordPart> parts) {
        try {
            return RecordAssembler.assemble(parts, AS_OF);
        } catch (RecordException e) {
            return "no record: " + e.getMessage();
        }
    }

    private static List<String> seeds() throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : new String[] {"frail-patient-view.json", "fit-patient-view.json", "discharge-encounter-discharge.json",
            "polypharmacy-order-sign.json"}) {
            out.add(CdsHooksRequests.fixture(f));
        }
        for (String f : new String[] {"02-patient-view-request-with-prefetch-and-fhirAuthorization.json", "10-request-prefetch-data-searchset-SNIPPED.json",
            "28-request-with-extension.json"}) {
            out.add(Files.readString(EXAMPLES.resolve(f)));
        }
        return out;
    }

    /** A patient-view request with the record as prefetch: the patient, and a searchset Bundle per type. */
    private static String request(List<Resource> resources) {
        var parser = RecordReader.parser();
        Patient patient = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r != patient) {
                String key = CdsHooksRequests.PREFETCH_TYPES.entrySet().stream().filter(e -> e.getValue().equals(r.fhirType()))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                bundles.computeIfAbsent(key, k -> new Bundle().setType(Bundle.BundleType.SEARCHSET)).addEntry().setResource(r);
            }
        }
        StringBuilder prefetch = new StringBuilder("\"patient\":" + parser.encodeResourceToString(patient));
        bundles.forEach((key, b) -> prefetch.append(",\"").append(key).append("\":").append(parser.encodeResourceToString(b)));
        return "{\"hookInstance\":\"x\",\"hook\":\"patient-view\",\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\""
                + patient.getIdElement().getIdPart() + "\"},\"prefetch\":{" + prefetch + "}}";
    }

    private static List<String> keys() {
        List<String> out = new ArrayList<>(List.of(PrefetchTemplates.PATIENT_KEY));
        out.addAll(new java.util.TreeSet<>(CdsHooksRequests.PREFETCH_TYPES.keySet()));
        return out;
    }
}
