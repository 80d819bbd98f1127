package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.KnownPopulation;
import org.waymark.screening.measures.KnownSeries;

/**
 * report.html in a real headless Chromium: every chart is drawn with a size, one bar per PCN whose figure is
 * published, the standard line where the standard is, and every table shows exactly its CSV's figures. Never skipped:
 * with no browser it fails saying what to install.
 */
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertTrue(Files.isExecutable(p), p + " is missing: the report's browser test needs Chromium and chromedriver "
                    + "(apt-get install -y chromium chromium-driver; .ci/run installs them). This test is never skipped.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")), "--window-size=1280,2000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theKnownPopulationsChartsAndTablesRender() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("known"));
        Publication.write(out, KnownPopulation.measures(), Disclosure.NHS_SDC, "2026-11-24T09:00:00Z", new ObjectMapper().createObjectNode());
        browser.get(out.resolve("report.html").toUri().toString());
        assertTrue(browser.getTitle().startsWith("Waymark population measures as of 2026-11-24"), browser.getTitle());
        assertEquals(3, browser.findElements(By.tagName("h2")).size());

        List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
        assertEquals(4, charts.size(), "cohort, UCR KPI, age band, sex");
        charts.forEach(c -> assertDrawn(c, "chart " + c.getAttribute("id")));

        WebElement cohort = browser.findElement(By.id("chart-1"));
        List<WebElement> bars = cohort.findElements(By.cssSelector("rect.bar"));
        assertEquals(List.of("North PCN", "South PCN"), bars.stream().map(b -> b.getAttribute("data-label")).toList(),
                "a bar for each PCN whose count is published; Tiny PCN (7) and (unknown) (1) are suppressed");
        bars.forEach(b -> assertDrawn(b, "bar " + b.getAttribute("data-label")));
        assertEquals(2, cohort.findElements(By.cssSelector("text.withheld")).size());

        WebElement kpi = browser.findElement(By.id("chart-2"));
        WebElement standard = kpi.findElement(By.cssSelector("line.standard"));
        assertTrue(rect(standard).get("width") > 100, "the standard line spans the chart");
        double standardY = rect(standard).get("top");
        Map<String, Double> north = rect(kpi.findElement(By.cssSelector("rect.bar[data-label='North PCN']")));
        Map<String, Double> south = rect(kpi.findElement(By.cssSelector("rect.bar[data-label='South PCN']")));
        assertTrue(north.get("top") < standardY && standardY < south.get("top"),
                "North (71.4%) reaches above the 70% standard and South (50.0%) stays below it: " + north + " " + standardY + " " + south);

        assertTablesMatchTheirCsv(out, 4);
    }

    @Test
    void theKnownSeriesKpiTrendIsDrawnAgainstTheStandard() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("series"));
        Publication.write(out, KnownPopulation.measures(), KnownSeries.series(), Disclosure.NHS_SDC, "2026-11-30T23:59:59.999Z",
                new ObjectMapper().createObjectNode());
        browser.get(out.resolve("report.html").toUri().toString());
        assertEquals(4, browser.findElements(By.tagName("h2")).size(), "cohort, KPIs, KPI trends, breakdowns");
        WebElement trend = browser.findElement(By.cssSelector("#trends ~ figure svg.chart"));
        assertDrawn(trend, "trend chart");
        WebElement north = trend.findElement(By.cssSelector("polyline[data-series='North PCN']"));
        assertDrawn(north, "North PCN's line");
        List<WebElement> points = trend.findElements(By.cssSelector("circle.point"));
        assertEquals(3, points.size(), "North's three months; South's only decided month is withheld");
        double standardY = rect(trend.findElement(By.cssSelector("line.standard"))).get("top");
        List<Double> tops = points.stream().map(p -> rect(p).get("top")).toList();
        assertTrue(tops.get(0) < standardY && standardY < tops.get(1) && tops.get(2) < standardY,
                "September (80%) and November (90%) above the 70% standard, October (50%) below: " + tops + " " + standardY);
        assertTablesMatchTheirCsv(out, 5);
    }

    @Test
    void aScreenedPopulationsReportHasOneBarPerPcn() throws Exception {
        Path out = ScreenedPopulation.screen(tmp.resolve("screened"), 240, Disclosure.NHS_SDC);
        browser.get(out.resolve("report.html").toUri().toString());
        WebElement cohort = browser.findElement(By.id("chart-1"));
        assertDrawn(cohort, "cohort chart");
        List<WebElement> bars = cohort.findElements(By.cssSelector("rect.bar"));
        assertEquals(List.of("PCN-A", "PCN-B", "PCN-C", "PCN-D", "PCN-E", "PCN-F", "PCN-G", "PCN-H"),
                bars.stream().map(b -> b.getAttribute("data-label")).toList());
        bars.forEach(b -> assertDrawn(b, "bar " + b.getAttribute("data-label")));
        List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
        long kpiCharts = charts.stream().filter(c -> !c.findElements(By.cssSelector("line.standard")).isEmpty()).count();
        assertTrue(kpiCharts >= 1, "at least one pathway's KPI chart with its standard line");
        charts.forEach(c -> assertDrawn(c, "chart " + c.getAttribute("id")));
        assertTablesMatchTheirCsv(out, charts.size());
    }

    /** Each chart's table shows, cell for cell, the figures of the CSV row it names. */
    private static void assertTablesMatchTheirCsv(Path out, int expectedTables) throws Exception {
        List<WebElement> tables = browser.findElements(By.cssSelector("table[data-source]"));
        assertEquals(expectedTables, tables.size(), "a table for each chart");
        int cells = 0;
        for (WebElement table : tables) {
            assertTrue(!table.findElement(By.tagName("caption")).getText().isBlank(), "every table has a caption");
            List<Map<String, String>> csv = PublishedCsv.read(out.resolve(table.getAttribute("data-source")));
            List<String> columns = table.findElements(By.cssSelector("thead th")).stream().map(th -> th.getAttribute("data-column")).toList();
            for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
                Map<String, String> row = csv.get(Integer.parseInt(tr.getAttribute("data-row")));
                List<WebElement> tds = tr.findElements(By.cssSelector("th, td"));
                for (int c = 0; c < columns.size(); c++) {
                    assertEquals(row.get(columns.get(c)), tds.get(c).getText(), table.getAttribute("id") + " " + columns.get(c));
                    cells++;
                }
            }
        }
        assertTrue(cells > 20, "compared " + cells + " cells");
    }

    private static void assertDrawn(WebElement e, String what) {
        Map<String, Double> r = rect(e);
        assertTrue(r.get("width") > 0 && r.get("height") > 0, what + " is drawn with a size: " + r);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> rect(WebElement e) {
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {top: r.top, width: r.width, height: r.height};", e);
        return Map.of("top", ((Number) r.get("top")).doubleValue(), "width", ((Number) r.get("width")).doubleValue(),
                "height", ((Number) r.get("height")).doubleValue());
    }
}
