package org.waymark.api.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.waymark.api.net.CappedBody;
import org.waymark.api.net.OutboundHttp;

/**
 * Fetches a JWK Set over HTTPS (http only in development mode): no redirects, a connect and a whole-fetch
 * timeout, at most {@link #MAX_BYTES}, status 200 only. Only the public parts of the keys are kept.
 */
public final class HttpJwksFetcher implements JwksFetcher {
    public static final int MAX_BYTES = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final boolean allowHttp;

    public HttpJwksFetcher(Duration timeout, boolean allowHttp) {
        this.http = OutboundHttp.client(timeout);
        this.timeout = timeout;
        this.allowHttp = allowHttp;
    }

    @Override
    public CompletableFuture<JWKSet> fetch(URI uri) {
        String problem = OutboundHttp.problem(uri, allowHttp);
        if (problem != null) {
            return CompletableFuture.failedFuture(new IOException("jku " + problem));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, CappedBody.upTo(MAX_BYTES))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new CompletionException(new IOException("jku answered HTTP " + response.statusCode()));
                    }
                    try {
                        return JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)).toPublicJWKSet();
                    } catch (ParseException e) {
                        throw new CompletionException(e);
                    }
                });
    }
}
