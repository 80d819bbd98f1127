package org.waymark.api.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Fetches a JWK Set from an allow-listed jku URL, asynchronously and bounded in time (injectable so tests need no network). */
@FunctionalInterface
public interface JwksFetcher {
    CompletableFuture<JWKSet> fetch(URI uri);
}
