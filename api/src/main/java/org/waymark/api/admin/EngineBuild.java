package org.waymark.api.admin;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.util.ContentDigest;
import org.waymark.pathways.scenario.Replay;

/**
 * The code that runs the serving gate, as one SHA-256, so that a pass recorded by one build is never taken by another:
 * the bytes of Waymark's modules that compile, lint and replay (api, engine, pathways: their jars, or class folders in a
 * development build), the file name and size of every class-path entry (the libraries and their versions: Drools,
 * HAPI FHIR, Jackson...), and the Java runtime's version.
 */
record EngineBuild(String sha256) {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBuild.class);
    private static final Optional<EngineBuild> RUNNING = compute();

    /** Of this process, computed once; empty when its code cannot be read, and then no pass is taken or kept. */
    static Optional<EngineBuild> running() {
        return RUNNING;
    }

    private static Optional<EngineBuild> compute() {
        ContentDigest digest = new ContentDigest().text("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
        try {
            Set<Path> modules = new LinkedHashSet<>();
            for (Class<?> c : Stream.of(ActivationGate.class, Linter.class, ScenarioRunner.class, Replay.class).toList()) {
                modules.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            }
            for (Path m : modules) {
                if (Files.isDirectory(m)) {
                    digest.folder(m.getFileName().toString(), m);
                } else {
                    digest.file(m.getFileName().toString(), m);
                }
            }
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                digest.text("class path", p.getFileName() + (Files.isRegularFile(p) ? " " + Files.size(p) : ""));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.warn("serving gate: cannot fingerprint Waymark's own code ({}); every version is checked at every start", e.toString());
            return Optional.empty();
        }
        return Optional.of(new EngineBuild(digest.hex()));
    }
}
