package org.waymark.cli.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** Writes replay outcomes as a JUnit XML report (one testcase per scenario) for CI systems. */
final class JUnitXml {
    private JUnitXml() {
    }

    public static void write(List<Replay.Outcome> outcomes, Path file) throws IOException {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suite = doc.createElement("testsuite");
            long failures = outcomes.stream().filter(o -> o.result().isPresent() && !o.passed()).count();
            long errors = outcomes.stream().filter(o -> o.error().isPresent()).count();
            suite.setAttribute("name", "waymark-replay");
            suite.setAttribute("tests", String.valueOf(outcomes.size()));
            suite.setAttribute("failures", String.valueOf(failures));
            suite.setAttribute("errors", String.valueOf(errors));
            suite.setAttribute("skipped", "0");
            doc.appendChild(suite);
            for (Replay.Outcome o : outcomes) {
                Element tc = doc.createElement("testcase");
                tc.setAttribute("classname", o.file().getParent() == null ? "scenarios" : o.file().getParent().toString());
                tc.setAttribute("name", o.title());
                if (o.error().isPresent()) {
                    Element e = doc.createElement("error");
                    e.setAttribute("message", o.error().get());
                    tc.appendChild(e);
                } else if (!o.passed()) {
                    var r = o.result().orElseThrow();
                    Element f = doc.createElement("failure");
                    f.setAttribute("message", String.join("; ", r.differences()));
                    f.setTextContent("expected: " + ReplayReport.expected(r) + "\nactual: " + String.join(", ", r.actual())
                            + "\nfired: " + ReplayReport.fired(r.firedRules()));
                    tc.appendChild(f);
                }
                suite.appendChild(tc);
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
}
