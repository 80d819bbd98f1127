package org.waymark.api.http;

import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Refuses a request whose Content-Type names a charset this JVM cannot decode (415), before anything reads the body. */
public final class RequestCharset {
    private static final int LONGEST_NAME = 40;

    private RequestCharset() {
    }

    public static void check(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null) {
            return;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = pair[1].strip().replace("\"", "");
                if (!supported(name)) {
                    String shown = name.length() > LONGEST_NAME ? name.substring(0, LONGEST_NAME) + "..." : name;
                    throw new ApiException(415, "unsupported charset '" + shown + "' in Content-Type; send UTF-8", "Content-Type");
                }
            }
        }
    }

    /**
     * The body in UTF-8: the bytes as sent when the charset is UTF-8 or unnamed, else the text {@code ctx.body()} decodes
     * with the named charset, encoded again. Read within the request size limit either way.
     */
    public static byte[] utf8Body(Context ctx) {
        String named = ctx.characterEncoding();
        if (named == null || Charset.forName(named).equals(StandardCharsets.UTF_8)) {
            return ctx.bodyAsBytes();
        }
        return ctx.body().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean supported(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
