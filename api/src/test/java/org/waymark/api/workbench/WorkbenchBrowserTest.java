package org.waymark.api.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.waymark.api.TestServer;
import org.waymark.api.TestClients;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminIdentity;
import org.waymark.fixtures.Folders;

/**
 * The clinical lead's workbench in a real headless Chromium, on a production-mode server: an author signs in, runs a new
 * version's scenarios, previews a card as an EHR shows it and submits the version; an operator's activation of it is
 * refused until a safety officer approves its evidence pack; then the operator activates it and rolls back. Debian's chromium and chromedriver must be
 * installed (.ci/run installs them); without them this test fails, it is never skipped.
 */
class WorkbenchBrowserTest {
    private static final String AUTHOR = "workbench-author-token";
    private static final String SAFETY_OFFICER = "workbench-safety-officer-token";
    private static final String OPERATOR = "workbench-operator-token";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path repo;
    private static TestServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (.ci/run does)");
        Path rules = repo.resolve("rules");
        Folders.copy(TestServer.rules(), rules);
        Folders.copy(TestServer.rules().resolveSibling("codelists"), repo.resolve("codelists"));
        Files.createDirectories(repo.resolve("docs"));
        Files.copy(TestServer.rules().resolveSibling("docs").resolve("recommendations.md"), repo.resolve("docs/recommendations.md"));
        Path v110 = rules.resolve("proactive-care/1.1.0");
        Folders.copy(rules.resolve("proactive-care/1.0.0"), v110);
        Path manifest = v110.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0", "version: 1.1.0").replace("status: active", "status: draft")
                + "  - version: 1.1.0\n    date: 2026-12-01\n    summary: Same rules, for the workbench test.\n");
        List<AdminIdentity> admins = List.of(new AdminIdentity("amara", EnumSet.of(AdminAuth.Role.AUTHOR), AdminAuth.sha256(AUTHOR)),
                new AdminIdentity("sam", EnumSet.of(AdminAuth.Role.SAFETY_OFFICER), AdminAuth.sha256(SAFETY_OFFICER)),
                new AdminIdentity("olu", EnumSet.of(AdminAuth.Role.OPERATOR), AdminAuth.sha256(OPERATOR)));
        // Production mode (trusted clients configured, not --dev): activation needs an approval.
        Path clients = TestClients.write(Files.createTempDirectory(repo, "clients"), "", "", "").file;
        server = TestServer.start(rules, admins, Optional.of(clients), Optional.empty(), Duration.ofMinutes(2), List.of(), false);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(repo, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Waits (generously: the machine may be loaded) for the page a click led to; not a timing assertion. */
    private static void waitForTitle(String title) {
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(ExpectedConditions.titleIs(title + " - Waymark workbench"));
    }

    private WebElement button(String text) {
        return browser.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + text + "' on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource()));
    }

    private void signIn(String token, String who) {
        browser.get(server.url("/workbench"));
        waitForTitle("Sign in");
        assertEquals("Admin token", browser.findElement(By.cssSelector("label[for=token]")).getText(), "the field is labelled");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        waitForTitle("Rule sets");
        assertTrue(browser.getPageSource().contains("Signed in as " + who), browser.getPageSource());
    }

    private void signOut() {
        button("Sign out").click();
        waitForTitle("Sign in");
    }

    private void openVersion() {
        browser.get(server.url("/workbench/rule-sets/proactive-care/1.1.0"));
        waitForTitle("Proactive care 1.1.0");
    }

    @Test
    void anAuthorRunsScenariosAndSubmitsASafetyOfficerApprovesAnOperatorActivatesAndRollsBack() {
        browser.get(server.url("/workbench/rule-sets/proactive-care/1.1.0"));
        waitForTitle("Sign in");

        signIn(AUTHOR, "amara");
        browser.findElement(By.linkText("proactive-care 1.1.0")).click();
        waitForTitle("Proactive care 1.1.0");
        assertTrue(browser.getPageSource().contains("PC-MEDICATION-REVIEW"), "the version's rules are shown");
        assertTrue(browser.findElement(By.id("lifecycle")).getText().startsWith("State: draft"));

        button("Run scenarios").click();
        waitForTitle("Scenarios of proactive-care@1.1.0");
        String summary = browser.findElement(By.id("replay-summary")).getText();
        assertTrue(summary.matches("\\d+ scenarios: \\d+ passed, 0 failed"), summary);
        assertFalse(browser.findElements(By.cssSelector("td.pass")).isEmpty());

        openVersion();
        browser.findElement(By.linkText("Preview cards: frailty-review-coded-severe-frailty")).click();
        waitForTitle("Card preview");
        List<WebElement> cards = browser.findElements(By.cssSelector("section.card"));
        assertFalse(cards.isEmpty(), browser.getPageSource());
        WebElement card = cards.get(0);
        assertTrue(card.getAttribute("class").matches("card (info|warning|critical)"), "the indicator colours the card");
        assertFalse(card.findElement(By.cssSelector(".summary")).getText().isBlank());
        assertTrue(card.findElement(By.cssSelector(".source")).getText().contains("proactive-care 1.1.0"));
        assertTrue(browser.getPageSource().contains("Frailty review"), "the frailty review card is shown");

        openVersion();
        button("Submit for review").click();
        waitForTitle("Submitted");
        signOut();

        signIn(OPERATOR, "olu");
        openVersion();
        button("Activate 1.1.0").click();
        waitForTitle("Refused");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("approv"), "an unapproved version is refused: " + browser.getPageSource());
        signOut();

        signIn(SAFETY_OFFICER, "sam");
        openVersion();
        browser.findElement(By.linkText("Evidence pack")).click();
        waitForTitle("Evidence pack: proactive-care@1.1.0");
        assertTrue(browser.getPageSource().contains("amara"), "the pack names who submitted it");
        button("Approve this evidence pack").click();
        waitForTitle("Approved");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("approved by sam"));
        signOut();

        signIn(OPERATOR, "olu");
        openVersion();
        assertTrue(browser.findElement(By.id("lifecycle")).getText().startsWith("State: reviewed"), browser.findElement(By.id("lifecycle")).getText());
        button("Activate 1.1.0").click();
        waitForTitle("Activated");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("now serves 1.1.0"), browser.getPageSource());

        openVersion();
        button("Roll back proactive-care").click();
        waitForTitle("Rolled back");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("now serves 1.0.0 again"), browser.getPageSource());
    }
}
