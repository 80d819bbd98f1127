package org.waymark.api.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Waymark's calls to other servers (JWK Sets, clients' FHIR servers): redirects are never followed, so an
 * allow-listed URL cannot hand the call (and any token) to another host; every connection has a timeout;
 * plain HTTP is refused unless explicitly allowed (development mode).
 */
public final class OutboundHttp {
    private OutboundHttp() {
    }

    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).build();
    }

    /** Why {@code url} may not be called, or null when it may: absolute, https (or http when allowed), no user info, no fragment. */
    public static String problem(URI url, boolean allowHttp) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return "not an absolute URL with a host";
        }
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return allowHttp ? "must be http or https" : "must be https (plain http only in development mode, --dev)";
        }
        if (url.getUserInfo() != null || url.getFragment() != null) {
            return "must not carry user info or a fragment";
        }
        return null;
    }
}
