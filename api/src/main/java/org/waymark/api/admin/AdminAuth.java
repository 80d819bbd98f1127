package org.waymark.api.admin;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.waymark.api.http.ApiException;

/**
 * Authorises admin calls, declared once: routes name the {@link Role} they need and {@link #check} runs before
 * every matched route. A route needing {@link Role#ADMIN} requires {@code Authorization: Bearer <token>}, compared
 * by SHA-256 hash with the configured admin tokens ({@code name:sha256hex}, from WAYMARK_ADMIN_TOKENS). Only hashes
 * are configured and the token is never stored or logged; the matching name is the actor recorded in the audit.
 */
public final class AdminAuth {
    /** What a route requires of its caller. */
    public enum Role implements RouteRole {
        /** Any configured admin token. */
        ADMIN
    }

    private static final String ACTOR = "waymark.adminActor";

    private final Map<String, String> nameByHash;

    public AdminAuth(Map<String, String> hashesByName) {
        Map<String, String> byHash = new java.util.HashMap<>();
        hashesByName.forEach((name, hash) -> byHash.put(hash.toLowerCase(Locale.ROOT), name));
        this.nameByHash = Map.copyOf(byHash);
    }

    /** The before-handler: for a route that needs {@link Role#ADMIN}, authenticates the caller (401, or 403 when no admin token is configured). */
    public void check(Context ctx) {
        if (ctx.routeRoles().contains(Role.ADMIN)) {
            ctx.attribute(ACTOR, authenticate(ctx));
        }
    }

    /** The admin that {@link #check} authenticated for this call. */
    public static String actor(Context ctx) {
        String actor = ctx.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("the route does not declare Role.ADMIN");
        }
        return actor;
    }

    private String authenticate(Context ctx) {
        if (nameByHash.isEmpty()) {
            throw new ApiException(403, "the admin API is disabled: configure WAYMARK_ADMIN_TOKENS (name:sha256-of-token)");
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "admin calls need Authorization: Bearer <admin token>");
        }
        return actorFor(header.substring(7).strip()).orElseThrow(() -> new ApiException(401, "unknown admin token"));
    }

    /** The admin identity a token belongs to (compared by hash, in constant time); the token is not kept. */
    public Optional<String> actorFor(String token) {
        String hash = sha256(token);
        for (Map.Entry<String, String> e : nameByHash.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@code name:hash,name:hash}. */
    public static Map<String, String> parse(String config) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (config == null || config.isBlank()) {
            return out;
        }
        for (String item : config.split(",")) {
            String[] parts = item.strip().split(":", 2);
            if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("admin tokens are name:sha256hex pairs separated by commas");
            }
            out.put(parts[0], parts[1]);
        }
        return out;
    }
}
