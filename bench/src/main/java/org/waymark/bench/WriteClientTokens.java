package org.waymark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs {@code count} client tokens for {@code audience} with the key in WAYMARK_BENCH_KEY and writes them one per line
 * (owner-only file), for wrk to send once each: {@code WriteClientTokens <audience> <count> <file>}. The signing is done
 * here, before the measured window.
 */
public final class WriteClientTokens {
    private WriteClientTokens() {
    }

    public static void main(String[] args) throws Exception {
        PresignedTokens tokens = new PresignedTokens(com.nimbusds.jose.jwk.JWK.parse(Files.readString(Path.of(System.getenv("WAYMARK_BENCH_KEY")))),
                args[0]);
        int count = Integer.parseInt(args[1]);
        double took = tokens.topUp(count);
        List<String> lines = new ArrayList<>(count);
        for (String token; (token = tokens.take()) != null; ) {
            lines.add(token);
        }
        Path file = Path.of(args[2]);
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        System.out.printf(java.util.Locale.ROOT, "(%d client tokens signed in %.1f s, before the window)%n", count, took);
    }
}
