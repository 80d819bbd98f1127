package org.waymark.api.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named admin with the roles it holds and the SHA-256 hash of its token (the token itself is never configured).
 * Configured as {@code name:role+role:sha256hex}; the older {@code name:sha256hex} form means an operator only.
 */
public record AdminIdentity(String name, Set<AdminAuth.Role> roles, String sha256) {
    public AdminIdentity {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.matches("[^:,+\\s]+")) {
            throw new IllegalArgumentException("an admin name is one word without ':', ',' or '+', not '" + name + "'");
        }
        roles = Set.copyOf(roles);
        if (roles.isEmpty() || roles.contains(AdminAuth.Role.ANY_ADMIN)) {
            throw new IllegalArgumentException(name + ": give one or more roles of " + AdminAuth.Role.ASSIGNABLE);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(name + ": the token hash must be 64 hexadecimal digits (sha256)");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** Operators from a name-to-hash map: what the older {@code name:sha256hex} configuration means. */
    public static List<AdminIdentity> operators(Map<String, String> hashesByName) {
        return hashesByName.entrySet().stream().map(e -> new AdminIdentity(e.getKey(), EnumSet.of(AdminAuth.Role.OPERATOR), e.getValue()))
                .toList();
    }

    boolean holdsAnyOf(Set<?> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }
}
