package org.waymark.api.workbench;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminIdentity;

/**
 * Signed-in workbench users, in memory: a random session id in an HttpOnly, SameSite=Strict cookie, the admin
 * identity it signed in as, and a per-session token every form carries (so a form posted from elsewhere is refused).
 * The admin token itself is checked once at sign-in and never kept. A session ends after 30 idle minutes.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(30);

    /** One signed-in user. */
    record Session(String id, AdminIdentity admin, String formToken, Instant expires) {
        String actor() {
            return admin.name();
        }

        boolean holds(AdminAuth.Role role) {
            return admin.roles().contains(role);
        }

        boolean formTokenMatches(String sent) {
            return sent != null && MessageDigest.isEqual(formToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    Session open(AdminIdentity admin) {
        // Sessions nobody came back to are dropped here, so they do not stay in memory until a restart.
        Instant now = clock.instant();
        sessions.values().removeIf(old -> !old.expires().isAfter(now));
        Session s = new Session(randomToken(), admin, randomToken(), now.plus(IDLE));
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle time restarted; expired sessions are dropped. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.computeIfPresent(id, (k, v) -> v.expires().isAfter(now) ? new Session(v.id(), v.admin(), v.formToken(), now.plus(IDLE)) : null);
        return Optional.ofNullable(s);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
