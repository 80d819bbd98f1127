package org.waymark.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.time.EvaluationTime;

/**
 * Reads scenario files ({@code *.yaml}, {@code *.yml} or {@code *.json}):
 *
 * <pre>
 * title: Frail, no assessment in 12 months
 * asOf: 2026-11-24T09:00:00Z        # or a date: the start of that day in England
 * hook: patient-view                # optional
 * kind: fires                       # optional: fires | below | suppressed | data-quality, or a list of them
 * ruleSets: [proactive-care@1.0.0]  # optional: pin versions
 * record: records/frail.json        # a FHIR Bundle or resource file, relative to this file; or
 * bundle: { resourceType: Bundle, ... }   # inline FHIR; or
 * patient: { birthDate: 1940-03-02, gender: female }   # the compact notation (see CompactRecord)
 * entries: [ ... ]
 * expect:
 *   present: [proactive-care.frailty-review]
 *   absent: [proactive-care.medication-review]
 *   pathways:
 *     - { pathway: urgent-community-response, step: first-contact, state: overdue }
 * </pre>
 *
 * Errors name the file, the field and what was expected.
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("title", "asOf", "hook", "ruleSets", "record", "bundle", "patient", "entries",
            "expect", "description", "kind");

    private ScenarioLoader() {
    }

    /** Folders a search never enters: build output, test fixtures, version control and tool folders. */
    private static final Set<String> NOT_SEARCHED = Set.of("target", "test-fixtures", "node_modules", "src");

    /**
     * Every scenario file under {@code path} (a file or a folder, searched recursively), in path order: YAML or
     * JSON files in a {@code scenarios/} folder, except FHIR files a scenario's {@code record:} points at (a JSON
     * file whose top level has a {@code resourceType}). Build output ({@code target/}), test fixtures, sources and
     * hidden folders are not searched, so {@code replay .} at the repository root finds the bundled scenarios only.
     */
    public static List<Path> find(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> searched(path.relativize(p)))
                    .filter(p -> inScenariosFolder(path.toAbsolutePath().resolve(path.relativize(p))))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .filter(p -> !isFhirRecord(p))
                    .sorted().toList();
        }
    }

    private static boolean searched(Path relative) {
        Path folder = relative.getParent();
        if (folder == null) {
            return true;
        }
        for (Path part : folder) {
            String name = part.toString();
            if (NOT_SEARCHED.contains(name) || name.startsWith(".") && !name.equals(".") && !name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFhirRecord(Path file) {
        if (!file.toString().endsWith(".json")) {
            return false;
        }
        try (var parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                if (parser.currentName().equals("resourceType")) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            // Not readable as JSON: left in, so replay reports the file as an invalid scenario.
            return false;
        }
    }

    private static boolean inScenariosFolder(Path file) {
        for (Path part : file.getParent()) {
            if (part.toString().equals("scenarios")) {
                return true;
            }
        }
        return false;
    }

    public static Scenario load(Path file) throws ScenarioException {
        return load(file, true);
    }

    /** A scenario still being written: {@code expect} may be missing (then nothing is expected yet). */
    public static Scenario loadDraft(Path file) throws ScenarioException {
        return load(file, false);
    }

    private static Scenario load(Path file, boolean expectRequired) throws ScenarioException {
        JsonNode root = root(file);
        String title = required(root, "title", file);
        Instant asOf = instant(required(root, "asOf", file), file);
        String hook = root.path("hook").asText("patient-view");
        List<RecordPart> parts = record(root, file, STREAMED);
        refuseUnsafeRecord(parts, asOf, root, file);
        return expectations(root, file, title, asOf, hook, parts, expectRequired);
    }

    /**
     * The scenario's record as full HAPI FHIR resources, for callers that need whole resources (such as sending
     * the record to a server); replay itself reads records with the streaming reader.
     */
    public static List<Resource> resources(Path file) throws ScenarioException {
        return record(root(file), file, HAPI);
    }

    private static JsonNode root(Path file) throws ScenarioException {
        JsonNode root;
        try {
            String text = Files.readString(file);
            root = (file.toString().endsWith(".json") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
            throw new ScenarioException(file, where, "not valid YAML/JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file, "", "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(file, "", "expected a mapping with title, asOf, a record and expect");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new ScenarioException(file, f, "unknown field (expected one of " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        return root;
    }

    private static Scenario expectations(JsonNode root, Path file, String title, Instant asOf, String hook, List<RecordPart> parts,
                                         boolean expectRequired) throws ScenarioException {
        JsonNode expect = root.get("expect");
        if (expect == null && !expectRequired) {
            expect = JSON.createObjectNode();
        } else if (expect == null || !expect.isObject()) {
            throw new ScenarioException(file, "expect", "expected a mapping with present and/or absent recommendation codes");
        }
        Set<String> present = codes(expect, "present", file);
        Set<String> absent = codes(expect, "absent", file);
        List<Scenario.PathwayExpectation> pathways = pathways(expect.get("pathways"), file);
        if (present.isEmpty() && absent.isEmpty() && pathways.isEmpty() && expectRequired) {
            throw new ScenarioException(file, "expect", "expected at least one of present, absent or pathways");
        }
        Set<String> both = new LinkedHashSet<>(present);
        both.retainAll(absent);
        if (!both.isEmpty()) {
            throw new ScenarioException(file, "expect", "codes both present and absent: " + both);
        }
        List<String> ruleSets = new ArrayList<>();
        JsonNode rs = root.get("ruleSets");
        if (rs != null) {
            if (!rs.isArray()) {
                throw new ScenarioException(file, "ruleSets", "a list such as [proactive-care@1.0.0]");
            }
            for (JsonNode n : rs) {
                if (!n.asText().matches("[a-z0-9-]+@\\d+\\.\\d+\\.\\d+.*")) {
                    throw new ScenarioException(file, "ruleSets", "'" + n.asText() + "' is not id@version");
                }
                ruleSets.add(n.asText());
            }
        }
        Set<Scenario.Kind> kinds = kinds(root.get("kind"), present, absent, file);
        return new Scenario(file, title, asOf, hook, parts, present, absent, pathways, ruleSets, kinds);
    }

    private static Set<Scenario.Kind> kinds(JsonNode node, Set<String> present, Set<String> absent, Path file) throws ScenarioException {
        Set<Scenario.Kind> out = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode n : items) {
            Scenario.Kind kind = Scenario.Kind.parse(n.asText())
                    .orElseThrow(() -> new ScenarioException(file, "kind", "'" + n.asText() + "' is not one of fires, below, suppressed, data-quality"));
            boolean needsPresent = kind == Scenario.Kind.FIRES;
            boolean needsAbsent = kind == Scenario.Kind.BELOW || kind == Scenario.Kind.SUPPRESSED;
            if (needsPresent && present.isEmpty() || needsAbsent && absent.isEmpty() || present.isEmpty() && absent.isEmpty()) {
                throw new ScenarioException(file, "kind", kind.label() + " needs codes in expect." + (needsPresent ? "present" : needsAbsent ? "absent" : "present or absent"));
            }
            out.add(kind);
        }
        return out;
    }

    /** How a scenario's record is read: with the streaming reader (replay), or with HAPI when full resources are wanted. */
    private interface RecordSource<T> {
        T json(String json, String where) throws RecordException;

        T tree(JsonNode json, String where) throws RecordException;

        T compact(List<Resource> resources) throws RecordException;
    }

    private static final RecordSource<List<RecordPart>> STREAMED = new RecordSource<>() {
        public List<RecordPart> json(String json, String where) throws RecordException {
            return RecordStream.parts(json, where);
        }

        public List<RecordPart> tree(JsonNode json, String where) throws RecordException {
            return RecordStream.parts(json, where);
        }

        public List<RecordPart> compact(List<Resource> resources) throws RecordException {
            return FactMapper.parts(resources);
        }
    };

    private static final RecordSource<List<Resource>> HAPI = new RecordSource<>() {
        public List<Resource> json(String json, String where) throws RecordException {
            return RecordReader.resources(json, where);
        }

        public List<Resource> tree(JsonNode json, String where) throws RecordException {
            return RecordReader.resources(json.toString(), where);
        }

        public List<Resource> compact(List<Resource> resources) {
            return resources;
        }
    };

    private static <T> T record(JsonNode root, Path file, RecordSource<T> source) throws ScenarioException {
        int sources = (root.has("record") ? 1 : 0) + (root.has("bundle") ? 1 : 0) + (root.has("patient") ? 1 : 0);
        if (sources != 1) {
            throw new ScenarioException(file, "record", "exactly one of record (a FHIR file), bundle (inline FHIR) or patient + entries");
        }
        try {
            if (root.has("record")) {
                Path recordFile = file.getParent().resolve(root.get("record").asText());
                if (!Files.isRegularFile(recordFile)) {
                    throw new ScenarioException(file, "record", "no file at " + recordFile);
                }
                return source.json(Files.readString(recordFile), recordFile.toString());
            }
            if (root.has("bundle")) {
                return source.tree(root.get("bundle"), file + " bundle");
            }
            return source.compact(CompactRecord.toResources(root.get("patient"), root.get("entries")));
        } catch (CompactRecord.InvalidField e) {
            throw new ScenarioException(file, e.field, e.getMessage());
        } catch (RecordException e) {
            throw new ScenarioException(file, root.has("record") ? "record" : "bundle", e.getMessage());
        } catch (IOException e) {
            throw new ScenarioException(file, "record", "cannot read: " + e.getMessage());
        }
    }

    /** A record Waymark would refuse (e.g. an entry naming another patient) fails the scenario at load, with the reason. */
    private static void refuseUnsafeRecord(List<RecordPart> parts, Instant asOf, JsonNode root, Path file) throws ScenarioException {
        try {
            RecordAssembler.assemble(parts, asOf);
        } catch (RecordException e) {
            String field = root.has("record") ? "record" : root.has("bundle") ? "bundle" : "entries";
            throw new ScenarioException(file, field, "the record is refused: " + e.getMessage());
        }
    }

    private static List<Scenario.PathwayExpectation> pathways(JsonNode node, Path file) throws ScenarioException {
        List<Scenario.PathwayExpectation> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new ScenarioException(file, "expect.pathways", "a list of {pathway, step, state}");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String where = "expect.pathways[" + i + "]";
            for (String f : List.of("pathway", "step", "state")) {
                if (p.path(f).asText().isBlank()) {
                    throw new ScenarioException(file, where + "." + f, "a value");
                }
            }
            Optional<Integer> instance = p.has("instance") ? Optional.of(p.get("instance").asInt()) : Optional.empty();
            out.add(new Scenario.PathwayExpectation(p.get("pathway").asText(), instance, p.get("step").asText(), p.get("state").asText()));
        }
        return out;
    }

    private static Set<String> codes(JsonNode expect, String field, Path file) throws ScenarioException {
        JsonNode n = expect.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new ScenarioException(file, "expect." + field, "a list of recommendation codes");
        }
        for (JsonNode c : n) {
            if (!c.asText().matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
                throw new ScenarioException(file, "expect." + field, "'" + c.asText() + "' is not a recommendation code such as proactive-care.frailty-review");
            }
            out.add(c.asText());
        }
        return out;
    }

    private static String required(JsonNode root, String field, Path file) throws ScenarioException {
        JsonNode v = root.get(field);
        if (v == null || v.asText().isBlank()) {
            throw new ScenarioException(file, field, "required");
        }
        return v.asText();
    }

    private static Instant instant(String text, Path file) throws ScenarioException {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(EvaluationTime.ZONE).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(file, "asOf", "an instant such as 2026-11-24T09:00:00Z or a date such as 2026-11-24, not '" + text + "'");
        }
    }
}
