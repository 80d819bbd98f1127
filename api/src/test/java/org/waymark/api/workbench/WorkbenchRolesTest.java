package org.waymark.api.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminIdentity;

/** The workbench's activate and rollback buttons need the operator role, as the admin API does. */
class WorkbenchRolesTest {
    private static final String AUTHOR = "workbench-author-token";

    @Test
    void anAuthorSignedInIsRefusedActivationAndRollback() throws Exception {
        List<AdminIdentity> admins = List.of(new AdminIdentity("alice", EnumSet.of(AdminAuth.Role.AUTHOR), AdminAuth.sha256(AUTHOR)));
        try (TestServer server = TestServer.start(TestServer.rules(), admins, Optional.empty(), Optional.empty(), Duration.ofMinutes(2), List.of(), true)) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            post(browser, server.url("/workbench/sign-in"), "token=" + URLEncoder.encode(AUTHOR, StandardCharsets.UTF_8));
            String page = browser.send(HttpRequest.newBuilder(URI.create(server.url("/workbench"))).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher form = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"").matcher(page);
            assertTrue(form.find(), "signed in: " + page);
            for (String action : List.of("/workbench/rule-sets/proactive-care/1.0.0/activate", "/workbench/rule-sets/proactive-care/rollback")) {
                HttpResponse<String> r = post(browser, server.url(action), "formToken=" + form.group(1));
                assertEquals(403, r.statusCode(), r.body());
                assertTrue(r.body().contains("need the role operator; alice does not hold it"), r.body());
            }
        }
    }

    private static HttpResponse<String> post(HttpClient browser, String url, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
