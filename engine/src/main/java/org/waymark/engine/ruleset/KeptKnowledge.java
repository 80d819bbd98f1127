package org.waymark.engine.ruleset;

import java.util.Optional;

/**
 * Where compiled rule knowledge is kept between starts, so that a restart rebuilds a rule set's KieBase from bytes instead
 * of compiling its DRL again. Entries are named by a key: a SHA-256 of everything compiling depends on (the DRL, this
 * {@link #build()}, the Drools and Java versions), so an entry is only ever read back by the same compilation. Only
 * versions that compiled and passed every check are kept. Implementations must be safe to call side by side.
 */
public interface KeptKnowledge {
    /** Nothing kept, nothing read: every version is compiled. */
    KeptKnowledge NONE = new KeptKnowledge() {
        @Override
        public String build() {
            return "";
        }

        @Override
        public Optional<byte[]> read(String key) {
            return Optional.empty();
        }

        @Override
        public void keep(String key, byte[] bytes) {
        }
    };

    /** What identifies the code that compiles the DRL and reads the kept bytes back (its fact classes above all). */
    String build();

    /** The bytes kept under {@code key}; empty when there are none or they cannot be read. */
    Optional<byte[]> read(String key);

    /** Keeps {@code bytes} under {@code key}; a failure to keep is the implementation's to report, never the caller's. */
    void keep(String key, byte[] bytes);
}
