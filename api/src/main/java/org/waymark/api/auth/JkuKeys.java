package org.waymark.api.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keys from allow-listed jku URLs, cached per client and URL. A token naming an unknown kid triggers a
 * refetch at most once per cool-down (so forged kids cannot cause a fetch each), at most one fetch per
 * client and URL is in flight, and at most {@link #MAX_WAITING} calls wait for fetches at any moment:
 * others are refused at once, so slow key URLs can never tie up the server's request threads.
 */
final class JkuKeys {
    static final int MAX_WAITING = 8;

    private static final class Entry {
        private JWKSet keys;
        private Instant lastFetch;
        private CompletableFuture<JWKSet> inFlight;
    }

    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Duration coolDown;
    private final Duration timeout;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    JkuKeys(JwksFetcher fetcher, Clock clock, Duration coolDown, Duration timeout) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.coolDown = coolDown;
        this.timeout = timeout;
    }

    JWK key(String issuer, URI jku, String kid) throws ClientTokenVerifier.Rejected {
        Entry entry = entries.computeIfAbsent(issuer + " " + jku, k -> new Entry());
        CompletableFuture<JWKSet> pending;
        synchronized (entry) {
            if (entry.keys != null && entry.keys.getKeyByKeyId(kid) != null) {
                return entry.keys.getKeyByKeyId(kid);
            }
            if (entry.inFlight == null) {
                Instant now = clock.instant();
                if (entry.lastFetch != null && now.isBefore(entry.lastFetch.plus(coolDown))) {
                    throw new ClientTokenVerifier.Rejected(RefusalReason.UNKNOWN_KID);
                }
                entry.lastFetch = now;
                CompletableFuture<JWKSet> started = fetcher.fetch(jku);
                entry.inFlight = started;
                started.whenComplete((keys, failure) -> {
                    synchronized (entry) {
                        if (keys != null) {
                            entry.keys = keys;
                        }
                        entry.inFlight = null;
                    }
                });
            }
            pending = entry.inFlight != null ? entry.inFlight : CompletableFuture.completedFuture(entry.keys);
        }
        return await(pending, kid);
    }

    private JWK await(CompletableFuture<JWKSet> pending, String kid) throws ClientTokenVerifier.Rejected {
        if (!waiting.tryAcquire()) {
            throw new ClientTokenVerifier.Rejected(RefusalReason.KEYS_UNAVAILABLE);
        }
        try {
            JWKSet keys = pending.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            JWK key = keys == null ? null : keys.getKeyByKeyId(kid);
            if (key == null) {
                throw new ClientTokenVerifier.Rejected(RefusalReason.UNKNOWN_KID);
            }
            return key;
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientTokenVerifier.Rejected(RefusalReason.KEYS_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientTokenVerifier.Rejected(RefusalReason.KEYS_UNAVAILABLE);
        } finally {
            waiting.release();
        }
    }
}
