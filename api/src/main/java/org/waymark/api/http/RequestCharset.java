package org.waymark.api.http;

import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;
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
            return bytes(ctx);
        }
        return ctx.body().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body as sent, read straight into an array of its declared length: Javalin's own read grows a buffer from 32
     * bytes and copies it out, four times a prefetch body's size in garbage a call (7% of what a 148-entry call
     * allocates, by the GC log). A body of no declared length, or longer than the limit, is read (or refused, 413) by
     * Javalin. Read once: nothing else reads a CDS Hooks call's body.
     */
    private static byte[] bytes(Context ctx) {
        long limit = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0 || declared > Math.min(limit, Integer.MAX_VALUE - 8)) {
            return ctx.bodyAsBytes();
        }
        byte[] body = new byte[(int) declared];
        try {
            int read = ctx.req().getInputStream().readNBytes(body, 0, body.length);
            if (read < body.length) {
                throw new ApiException(400, "the request could not be read: the body ended before its Content-Length", "$");
            }
        } catch (IOException e) {
            throw UnreadableRequest.ofBody(e);
        }
        return body;
    }

    private static boolean supported(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
