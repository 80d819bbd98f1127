package org.waymark.api.admin;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.waymark.api.http.ApiException;

/**
 * Authorises admin calls, declared once: routes name the {@link Role}s that may call them and {@link #check} runs
 * before every matched route. A route naming a role requires {@code Authorization: Bearer <token>}, compared by
 * SHA-256 hash with the configured {@link AdminIdentity admin identities} (from WAYMARK_ADMIN_TOKENS), and the caller
 * must hold one of the route's roles (403 naming the missing role otherwise). Only hashes are configured and the
 * token is never stored or logged; the identity's name is the actor recorded in the audit.
 */
public final class AdminAuth {
    /** What a route requires of its caller. */
    public enum Role implements RouteRole {
        /** Any configured admin identity, whatever its roles (reading the admin API). */
        ANY_ADMIN("any admin"),
        /** Writes rule-set versions and submits them for review. */
        AUTHOR("author"),
        /** Reviews a version's evidence pack and approves it (never their own). */
        SAFETY_OFFICER("safety-officer"),
        /** Runs the service: activation, rollback, shadowing, metrics, audit, backup. */
        OPERATOR("operator");

        static final List<String> ASSIGNABLE = List.of("author", "safety-officer", "operator");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Role of(String label) {
            return Arrays.stream(values()).filter(r -> r != ANY_ADMIN && r.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown admin role '" + label + "' (roles: " + String.join(", ", ASSIGNABLE) + ")"));
        }
    }

    private static final String IDENTITY = "waymark.adminIdentity";

    private final List<AdminIdentity> identities;

    public AdminAuth(List<AdminIdentity> identities) {
        this.identities = List.copyOf(identities);
    }

    /** The before-handler: for a route that names a role, authenticates the caller (401) and checks it holds one of them (403). */
    public void check(Context ctx) {
        Set<RouteRole> needed = ctx.routeRoles();
        if (needed.stream().noneMatch(Role.class::isInstance)) {
            return;
        }
        AdminIdentity who = authenticate(ctx);
        if (!needed.contains(Role.ANY_ADMIN) && !who.holdsAnyOf(needed)) {
            throw new ApiException(403, "this call needs the role " + labels(needed) + "; " + who.name() + " has " + labels(who.roles()));
        }
        ctx.attribute(IDENTITY, who);
    }

    /** The admin that {@link #check} authenticated for this call. */
    public static String actor(Context ctx) {
        return identity(ctx).name();
    }

    static AdminIdentity identity(Context ctx) {
        AdminIdentity who = ctx.attribute(IDENTITY);
        if (who == null) {
            throw new IllegalStateException("the route declares no admin role");
        }
        return who;
    }

    private static String labels(Set<? extends RouteRole> roles) {
        return roles.stream().filter(Role.class::isInstance).map(r -> ((Role) r).label()).sorted().collect(Collectors.joining(" or "));
    }

    private AdminIdentity authenticate(Context ctx) {
        if (identities.isEmpty()) {
            throw new ApiException(403, "the admin API is disabled: configure WAYMARK_ADMIN_TOKENS (name:role+role:sha256-of-token)");
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "admin calls need Authorization: Bearer <admin token>");
        }
        return identityFor(header.substring(7).strip()).orElseThrow(() -> new ApiException(401, "unknown admin token"));
    }

    /** The admin identity a token belongs to (compared by hash, in constant time); the token is not kept. */
    public Optional<AdminIdentity> identityFor(String token) {
        byte[] hash = sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (AdminIdentity who : identities) {
            if (MessageDigest.isEqual(who.sha256().getBytes(StandardCharsets.US_ASCII), hash)) {
                return Optional.of(who);
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

    /**
     * Parses {@code name:role+role:sha256hex,...} (roles: author, safety-officer, operator); {@code name:sha256hex}
     * is an operator. Names and token hashes must be unique: one token, one accountable person.
     */
    public static List<AdminIdentity> parse(String config) {
        List<AdminIdentity> out = new ArrayList<>();
        if (config == null || config.isBlank()) {
            return out;
        }
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (String item : config.split(",")) {
            String[] parts = item.strip().split(":", -1);
            AdminIdentity who = switch (parts.length) {
                case 2 -> new AdminIdentity(parts[0], EnumSet.of(Role.OPERATOR), parts[1]);
                case 3 -> new AdminIdentity(parts[0], Arrays.stream(parts[1].split("\\+")).map(String::strip).map(Role::of)
                        .collect(Collectors.toSet()), parts[2]);
                default -> throw new IllegalArgumentException("admin tokens are name:role+role:sha256hex (or name:sha256hex for an operator), "
                        + "separated by commas");
            };
            if (!names.add(who.name()) || !hashes.add(who.sha256())) {
                throw new IllegalArgumentException("admin '" + who.name() + "' is configured twice, or shares a token with another admin");
            }
            out.add(who);
        }
        return out;
    }
}
