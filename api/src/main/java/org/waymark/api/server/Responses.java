package org.waymark.api.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/** Writes JSON bodies with the API's own mapper. */
public final class Responses {
    private Responses() {
    }

    public static void json(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
