package org.waymark.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's rules/ folder from tests, whichever module directory Maven runs them in. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("waymark.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("rules")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start);
    }

    public static Path rules() {
        return root().resolve("rules");
    }
}
