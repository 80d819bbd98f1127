package org.waymark.api.cdshooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Card and suggestion uuids that sort by the time they were made (RFC 9562 version 7: 48 bits of Unix milliseconds,
 * then 74 random bits). The audit store keys each issued card by its uuid; with random (version 4) uuids every card
 * landed on a random page of that index, and an embedded H2 file rewrites each page a commit touches, so the store's
 * cost per call grew with the table. In time order a commit's cards share the index's last page. The 74 random bits
 * keep uuids of the same millisecond apart and unguessable.
 */
public final class TimeOrderedUuids implements Supplier<UUID> {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TimeOrderedUuids(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID get() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long high = millis << 16 | VERSION_7 | random.nextInt(1 << 12);
        long low = VARIANT_RFC | random.nextLong() >>> 2;
        return new UUID(high, low);
    }
}
