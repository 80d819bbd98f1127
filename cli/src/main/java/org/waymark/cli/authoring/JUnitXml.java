package org.waymark.cli.authoring;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.waymark.pathways.scenario.Replay;

/**
 * Writes replay outcomes as JUnit XML in the common Ant format that CI systems read: a {@code testsuites} root with
 * one {@code testsuite} per rule-set or pathway version. A test case's {@code classname} is
 * {@code <rule-set>.<version>} with the version's dots as underscores ({@code proactive-care.1_0_0}), so viewers do
 * not split the version into packages, and its {@code name} is the scenario id (the file name): both stable
 * wherever the repository is checked out.
 */
final class JUnitXml {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private JUnitXml() {
    }

    static void write(List<Replay.Outcome> outcomes, Instant started, Path file) throws IOException {
        Map<String, List<Replay.Outcome>> bySuite = new LinkedHashMap<>();
        outcomes.forEach(o -> bySuite.computeIfAbsent(o.suite(), k -> new java.util.ArrayList<>()).add(o));
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element root = doc.createElement("testsuites");
            doc.appendChild(root);
            int id = 0;
            for (Map.Entry<String, List<Replay.Outcome>> suite : bySuite.entrySet()) {
                root.appendChild(suite(doc, id++, suite.getKey(), suite.getValue(), started));
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            t.transform(new DOMSource(doc), new StreamResult(file.toFile()));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot write JUnit XML to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element suite(Document doc, int id, String name, List<Replay.Outcome> outcomes, Instant started) {
        String classname = classname(name);
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", classname);
        suite.setAttribute("package", classname);
        suite.setAttribute("id", String.valueOf(id));
        suite.setAttribute("timestamp", TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        suite.setAttribute("hostname", hostname());
        suite.setAttribute("tests", String.valueOf(outcomes.size()));
        suite.setAttribute("failures", String.valueOf(outcomes.stream().filter(o -> o.result().isPresent() && !o.passed()).count()));
        suite.setAttribute("errors", String.valueOf(outcomes.stream().filter(o -> o.error().isPresent()).count()));
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", seconds(outcomes.stream().map(Replay.Outcome::duration).reduce(Duration.ZERO, Duration::plus)));
        suite.appendChild(doc.createElement("properties"));
        for (Replay.Outcome o : outcomes) {
            Element tc = doc.createElement("testcase");
            tc.setAttribute("name", o.id());
            tc.setAttribute("classname", classname);
            tc.setAttribute("time", seconds(o.duration()));
            if (!o.passed()) {
                Element problem = doc.createElement(o.error().isPresent() ? "error" : "failure");
                problem.setAttribute("type", o.error().isPresent() ? "invalid-scenario" : "unexpected-recommendations");
                problem.setAttribute("message", o.error().orElseGet(() -> String.join("; ", o.result().orElseThrow().differences())));
                problem.setTextContent(o.title() + "\n" + o.file() + "\n" + ReplayReport.failure(o, ""));
                tc.appendChild(problem);
            }
            suite.appendChild(tc);
        }
        suite.appendChild(doc.createElement("system-out"));
        suite.appendChild(doc.createElement("system-err"));
        return suite;
    }

    /** {@code proactive-care@1.0.0} becomes {@code proactive-care.1_0_0}. */
    static String classname(String suite) {
        int at = suite.indexOf('@');
        return at < 0 ? suite : suite.substring(0, at) + "." + suite.substring(at + 1).replace('.', '_');
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
