package org.waymark.engine.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymised patient keys: HMAC-SHA256 of the patient's identifier under a secret kept with the store
 * ({@code pseudonym.key} in the data folder, created on first use) or given by the installation's configuration. The
 * same patient always gets the same key on one installation; the key cannot be reversed without the secret.
 */
public final class PatientKeys {
    private final byte[] secret;

    public PatientKeys(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /**
     * The {@code configured} secret if given (the command line takes it from WAYMARK_PSEUDONYM_KEY), else the one kept
     * in (or newly created in) {@code dataDir}.
     */
    public static PatientKeys forInstallation(Path dataDir, Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return new PatientKeys(configured.get().getBytes(StandardCharsets.UTF_8));
        }
        try {
            Path file = PrivateFiles.folder(dataDir).resolve("pseudonym.key");
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                PrivateFiles.create(file, HexFormat.of().formatHex(fresh));
            }
            PrivateFiles.restrict(file);
            return new PatientKeys(HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonymisation key in " + dataDir, e);
        }
    }

    public String keyOf(String patientIdentifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(patientIdentifier.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
