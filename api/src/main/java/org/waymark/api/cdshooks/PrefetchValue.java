package org.waymark.api.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.waymark.api.http.ApiException;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordStream;

/**
 * One prefetch value as the client sent it, read straight from the request body: its facts' parts, {@code null} (the
 * client knows there is no data), an OperationOutcome (the client could not prefetch), or what is wrong with it, which
 * {@link PrefetchReader} reports when it comes to the key, as it would have reported it on reading the value then.
 */
sealed interface PrefetchValue {
    record Data(List<RecordPart> parts) implements PrefetchValue {
        public Data {
            parts = List.copyOf(parts);
        }
    }

    record SentNull() implements PrefetchValue {
    }

    record NotPrefetched() implements PrefetchValue {
    }

    record Refused(ApiException problem) implements PrefetchValue {
    }

    /**
     * Reads the value the parser is at, named {@code where} (e.g. {@code prefetch.conditions}), leaving the parser at
     * its last token. Malformed JSON is thrown, as it ends the reading of the whole body; a value that breaks the FHIR
     * shape or the facts' rules is {@link Refused}, a shape fault first wherever it is in the value.
     */
    static PrefetchValue read(JsonParser p, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return new SentNull();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new Refused(FhirJsonShape.notAResource(where));
        }
        FhirJsonShape shape = new FhirJsonShape(where);
        WatchedValue value = new WatchedValue(p, shape);
        List<RecordPart> parts = null;
        RecordException unreadable = null;
        try {
            parts = RecordStream.parts(value, where);
        } catch (RecordException e) {
            if (e.getCause() instanceof JsonProcessingException malformed) {
                throw malformed;
            }
            unreadable = e;
        }
        value.finish();
        if (shape.type().filter("OperationOutcome"::equals).isPresent()) {
            return new NotPrefetched();
        }
        if (shape.fault().isPresent()) {
            return new Refused(shape.fault().get());
        }
        return unreadable != null ? new Refused(ApiException.badRequest(unreadable.getMessage(), where)) : new Data(parts);
    }
}
