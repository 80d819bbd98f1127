package org.waymark.engine.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.json.PlainStringJsonFactory;

/**
 * The streaming FHIR R4 reader: one pass of Jackson's {@link JsonParser} over a resource or a Bundle (of
 * any type), reading only the elements the facts need ({@link FieldSpec}) and skipping everything else
 * unparsed, with no HAPI object model. It gives the same facts as the HAPI path ({@link FactMapper}), because
 * both hand {@link RecordPart}s to {@link RecordAssembler}.
 *
 * <p>Strict where the facts read: a value of the wrong JSON type (a birthDate that is a number, a status
 * that is an object), an unknown status code, or a date that is not a FHIR date is a {@link RecordException}
 * naming the element. Unknown elements, and elements the facts do not read, are tolerated unread.
 *
 * <p>Entry points: {@link #read} for a whole record (a Bundle or single resource); {@link #parts} for one
 * piece of a record, such as one NDJSON line of a Bulk Data export (a resource; a Bundle gives its entries).
 * Screening reads each of a patient's lines with {@link #parts} and makes the patient's record with
 * {@link RecordAssembler#assemble}; a CDS Hooks server reads each prefetch value straight from the request's
 * parser with {@link #parts(JsonParser, String)}.
 */
public final class RecordStream {
    private static final ObjectMapper JSON = new ObjectMapper(new PlainStringJsonFactory());

    private RecordStream() {
    }

    /** The record in {@code json} (a Bundle, or a single Patient), as of {@code asOf}. */
    public static PatientRecord read(byte[] json, Instant asOf) throws RecordException {
        return RecordAssembler.assemble(parts(json, 0, json.length, "record"), asOf);
    }

    public static PatientRecord read(String json, Instant asOf) throws RecordException {
        return RecordAssembler.assemble(parts(json, "record"), asOf);
    }

    public static PatientRecord read(InputStream json, Instant asOf) throws RecordException {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            return RecordAssembler.assemble(parts(parser, "record"), asOf);
        } catch (IOException e) {
            throw new RecordException("record: could not be read: " + e.getMessage(), e);
        }
    }

    /** The parts of the resource or Bundle in the UTF-8 bytes {@code json[offset, offset + length)}. */
    public static List<RecordPart> parts(byte[] json, int offset, int length, String where) throws RecordException {
        try (JsonParser parser = parser(json, offset, length)) {
            return parts(parser, where);
        } catch (IOException e) {
            throw new RecordException(where + ": could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * A parser over the UTF-8 bytes {@code json[offset, offset + length)}, which may hold several JSON values one after
     * another, each read by {@link #parts(JsonParser, String)}: one parser for many values costs less than one each.
     */
    public static JsonParser parser(byte[] json, int offset, int length) throws IOException {
        return JSON.getFactory().createParser(json, offset, length);
    }

    public static List<RecordPart> parts(String json, String where) throws RecordException {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            return parts(parser, where);
        } catch (IOException e) {
            throw new RecordException(where + ": could not be read: " + e.getMessage(), e);
        }
    }

    /** The parts of a resource or Bundle already parsed into a tree (e.g. a CDS Hooks prefetch value). */
    public static List<RecordPart> parts(JsonNode json, String where) throws RecordException {
        try (JsonParser parser = json.traverse(JSON)) {
            return parts(parser, where);
        } catch (IOException e) {
            throw new RecordException(where + ": could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The parts of the next JSON value of {@code parser}: one resource, or a Bundle's entries' resources in
     * order (each with its fullUrl, for urn:uuid references). Reads exactly that value, so a caller can read
     * NDJSON line by line or several values from one stream. {@code where} names the input in errors.
     */
    public static List<RecordPart> parts(JsonParser parser, String where) throws RecordException {
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new RecordException(where + ": not a FHIR resource: expected a JSON object");
            }
            List<RecordPart> out = new ArrayList<>();
            Read top = resource(parser, where, true, out);
            if (top != null) {
                out.add(RecordPart.of(top.type, top.fields.text("id"), null, top.fields, where));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new RecordException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RecordException(where + ": could not be read: " + e.getMessage(), e);
        }
    }

    /** A resource read but not yet a part: a Bundle entry's fullUrl may follow its resource. */
    private record Read(String type, Sparse fields) {
    }

    /** Reads the object the parser is at; a top-level Bundle adds its entries to {@code entries} and gives null. */
    private static Read resource(JsonParser p, String where, boolean top, List<RecordPart> entries) throws IOException, RecordException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !"resourceType".equals(p.currentName())) {
            return resource(resourceTypeFirst(p, where), where, top, entries);
        }
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new RecordException(where + ": resourceType must be a string");
        }
        String type = p.getText();
        if (!FieldSpec.known(type)) {
            throw new RecordException(where + ": unknown resource type '" + type + "' (not a FHIR R4 resource)");
        }
        if (top && type.equals("Bundle")) {
            bundle(p, where, entries);
            return null;
        }
        return new Read(type, object(p, FieldSpec.of(type), where));
    }

    /** Rare: a resource whose resourceType is not its first member is buffered, reordered, and read again. */
    private static JsonParser resourceTypeFirst(JsonParser p, String where) throws IOException, RecordException {
        ObjectNode node = JSON.createObjectNode();
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            node.set(name, JSON.readTree(p));
        }
        if (!node.has("resourceType")) {
            throw new RecordException(where + ": not a FHIR resource: no resourceType");
        }
        ObjectNode ordered = JSON.createObjectNode();
        ordered.set("resourceType", node.get("resourceType"));
        ordered.setAll(node);
        JsonParser again = ordered.traverse(JSON);
        again.nextToken();
        return again;
    }

    private static void bundle(JsonParser p, String where, List<RecordPart> out) throws IOException, RecordException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = p.nextToken();
            if (!p.currentName().equals("entry") || value == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new RecordException(where + ": Bundle.entry must be an array");
            }
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                if (p.currentToken() != JsonToken.VALUE_NULL) {
                    entry(p, where + " entry[" + i + "]", out);
                }
            }
        }
    }

    private static void entry(JsonParser p, String where, List<RecordPart> out) throws IOException, RecordException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordException(where + ": a Bundle entry must be an object");
        }
        String fullUrl = null;
        Read read = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("fullUrl") && value != JsonToken.VALUE_NULL) {
                if (value != JsonToken.VALUE_STRING) {
                    throw new RecordException(where + ": fullUrl must be a string");
                }
                fullUrl = p.getText().isEmpty() ? null : p.getText();
            } else if (name.equals("resource") && value != JsonToken.VALUE_NULL) {
                if (value != JsonToken.START_OBJECT) {
                    throw new RecordException(where + ": resource must be a FHIR resource (a JSON object)");
                }
                read = resource(p, where, false, out);
            } else {
                p.skipChildren();
            }
        }
        if (read != null) {
            out.add(RecordPart.of(read.type, read.fields.text("id"), fullUrl, read.fields, where));
        }
    }

    /** The members of the object the parser is in that {@code spec} names; the rest are skipped unread. */
    private static Sparse object(JsonParser p, Map<String, FieldSpec.Field> spec, String where) throws IOException, RecordException {
        Sparse out = new Sparse(spec.size());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            FieldSpec.Field f = spec.get(p.currentName());
            JsonToken value = p.nextToken();
            if (f == null || value == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                value(p, f, out, where);
            } else if (!f.many()) {
                throw wrong(where, f, "must be a single value, not an array");
            } else {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        value(p, f, out, where);
                    }
                }
            }
        }
        return out;
    }

    private static void value(JsonParser p, FieldSpec.Field f, Sparse into, String where) throws IOException, RecordException {
        if (f.kind() == FieldSpec.Kind.ELEMENT) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw wrong(where, f, "must be an object");
            }
            into.add(f.name(), object(p, f.children(), where));
            return;
        }
        String text = primitive(p, f, where);
        if (text.isEmpty()) {
            return;
        }
        if (f.kind() == FieldSpec.Kind.DATE || f.kind() == FieldSpec.Kind.INSTANT) {
            // Parsed once, here, where it is checked: the facts take the value rather than parse the text again.
            into.add(f.name(), new Sparse.Dated(text, date(text, f, where)));
        } else {
            into.add(f.name(), text);
        }
    }

    private static When date(String text, FieldSpec.Field f, String where) throws RecordException {
        try {
            return When.of(text);
        } catch (DateTimeException e) {
            throw wrong(where, f, "is not a FHIR date or dateTime ('" + text + "')");
        }
    }

    /** A primitive's text as written, after checking its JSON type and, for codes, its value (dates: {@link #date}). */
    private static String primitive(JsonParser p, FieldSpec.Field f, String where) throws IOException, RecordException {
        JsonToken t = p.currentToken();
        switch (f.kind()) {
            case DECIMAL -> {
                if (!t.isNumeric()) {
                    throw wrong(where, f, "must be a JSON number");
                }
                String text = p.getText();
                if (t == JsonToken.VALUE_NUMBER_FLOAT && !ObservationValues.plainDecimal(text) && !Double.isFinite(p.getDoubleValue())) {
                    throw wrong(where, f, "is out of range (beyond +/-1.8e308)");
                }
                return text;
            }
            case INTEGER -> {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                    throw wrong(where, f, "must be a whole JSON number (32-bit)");
                }
                return p.getText();
            }
            case BOOLEAN -> {
                if (!t.isBoolean()) {
                    throw wrong(where, f, "must be true or false");
                }
                return p.getText();
            }
            default -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw wrong(where, f, "must be a JSON string");
                }
                return checked(p.getText(), f, where);
            }
        }
    }

    private static String checked(String text, FieldSpec.Field f, String where) throws RecordException {
        if (text.isEmpty()) {
            return text;
        }
        if (f.kind() == FieldSpec.Kind.CODE && !f.codes().contains(text)) {
            throw wrong(where, f, "has the unknown code '" + text + "'");
        }
        return text;
    }

    private static RecordException wrong(String where, FieldSpec.Field element, String problem) {
        return new RecordException(where + ": " + element.path() + " " + problem);
    }
}
