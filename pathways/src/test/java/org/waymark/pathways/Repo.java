package org.waymark.pathways;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's folders, found from wherever Maven runs the tests. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("waymark.repo.root");
        for (Path p = Path.of(configured != null ? configured : "").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("rules")) && Files.isDirectory(p.resolve("pathways/definitions"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root");
    }
}
