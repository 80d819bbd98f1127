package org.waymark.api.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.waymark.api.http.ApiException;

/**
 * The JSON shape a FHIR resource or Bundle must have (readers fail obscurely on some malformed Bundles, such as an
 * entry whose {@code resource} is null or a string): an object with a non-blank string {@code resourceType}; a Bundle's
 * {@code entry}, if present, an array of objects, each {@code resource} present again a resource. Checked as the
 * value's tokens go by ({@link #token}), in one pass with the reader of its facts; the fault reported is the first
 * in the order of a depth-first check of the resource before its entries.
 */
final class FhirJsonShape {
    private enum Role { RESOURCE, ENTRIES, ENTRY }

    /** A resource being read: its type once seen and, should it be a Bundle, the first fault in its entries. */
    private static final class Resource {
        final String where;
        final Resource enclosing;
        String type;
        ApiException entryFault;

        Resource(String where, Resource enclosing) {
            this.where = where;
            this.enclosing = enclosing;
        }

        void fault(ApiException e) {
            if (entryFault == null) {
                entryFault = e;
            }
        }

        String entry(int index) {
            return where + ".entry[" + index + "]";
        }
    }

    /** A container the shape reads into; {@code index} counts an entry array's elements, or is an entry's own. */
    private static final class Frame {
        final Role role;
        final Resource resource;
        int index;

        Frame(Role role, Resource resource, int index) {
            this.role = role;
            this.resource = resource;
            this.index = index;
        }
    }

    private final String where;
    private final Deque<Frame> open = new ArrayDeque<>();
    /** How deep the tokens are inside a container the shape does not look into. */
    private int ignored;
    private Resource top;
    private ApiException fault;

    FhirJsonShape(String where) {
        this.where = where;
    }

    /** Checks {@code value}, named {@code where} in errors (e.g. {@code context.draftOrders}). */
    static void check(JsonNode value, String where) {
        FhirJsonShape shape = new FhirJsonShape(where);
        try (JsonParser p = value.traverse()) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                shape.token(p, t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shape.fault().ifPresent(e -> {
            throw e;
        });
    }

    /** The 400 for a value that is not a resource. */
    static ApiException notAResource(String where) {
        return ApiException.badRequest("'" + where + "' must be a FHIR resource or Bundle with a resourceType", where);
    }

    /** Takes the token {@code p} is at, the next of the value. */
    void token(JsonParser p, JsonToken t) throws IOException {
        if (ignored > 0) {
            if (t.isStructStart()) {
                ignored++;
            } else if (t.isStructEnd()) {
                ignored--;
            }
            return;
        }
        if (t == JsonToken.FIELD_NAME) {
            return;
        }
        if (t.isStructEnd()) {
            close(open.pop());
            return;
        }
        if (!read(p, t, open.peek()) && t.isStructStart()) {
            ignored = 1;
        }
    }

    /** The value's resourceType, once seen. */
    Optional<String> type() {
        return Optional.ofNullable(top).map(r -> r.type);
    }

    /** The first fault, once the whole value has gone by. */
    Optional<ApiException> fault() {
        return Optional.ofNullable(fault);
    }

    /** Reads a value in {@code in}; true when it opened a container the shape reads into. */
    private boolean read(JsonParser p, JsonToken t, Frame in) throws IOException {
        if (in == null) {
            if (t != JsonToken.START_OBJECT) {
                fault = notAResource(where);
                return false;
            }
            top = new Resource(where, null);
            open.push(new Frame(Role.RESOURCE, top, 0));
            return true;
        }
        Resource r = in.resource;
        switch (in.role) {
            case RESOURCE -> {
                String name = p.currentName();
                if (name.equals("resourceType")) {
                    r.type = t == JsonToken.VALUE_STRING && !p.getText().isBlank() ? p.getText() : null;
                } else if (name.equals("entry")) {
                    if (t == JsonToken.START_ARRAY) {
                        open.push(new Frame(Role.ENTRIES, r, 0));
                        return true;
                    }
                    r.fault(ApiException.badRequest("'" + r.where + ".entry' must be an array", r.where + ".entry"));
                }
            }
            case ENTRIES -> {
                int index = in.index++;
                if (t == JsonToken.START_OBJECT) {
                    open.push(new Frame(Role.ENTRY, r, index));
                    return true;
                }
                r.fault(ApiException.badRequest("'" + r.entry(index) + "' must be an object", r.entry(index)));
            }
            case ENTRY -> {
                if (p.currentName().equals("resource")) {
                    String at = r.entry(in.index) + ".resource";
                    if (t == JsonToken.START_OBJECT) {
                        open.push(new Frame(Role.RESOURCE, new Resource(at, r), 0));
                        return true;
                    }
                    r.fault(notAResource(at));
                }
            }
        }
        return false;
    }

    private void close(Frame f) {
        if (f.role != Role.RESOURCE) {
            return;
        }
        Resource r = f.resource;
        ApiException own = r.type == null ? notAResource(r.where) : r.type.equals("Bundle") ? r.entryFault : null;
        if (r.enclosing == null) {
            fault = own;
        } else if (own != null) {
            r.enclosing.fault(own);
        }
    }
}
