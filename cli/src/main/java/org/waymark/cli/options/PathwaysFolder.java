package org.waymark.cli.options;

import java.nio.file.Path;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import picocli.CommandLine.Option;

/** {@code --pathways}: the care-pathway definitions folder. */
public final class PathwaysFolder {
    @Option(names = "--pathways", defaultValue = "${env:WAYMARK_PATHWAYS:-pathways/definitions}", description = "Pathway definitions folder (default ${DEFAULT-VALUE}; env WAYMARK_PATHWAYS).") Path pathways;

    public Path path() {
        return pathways;
    }

    public PathwayService service() {
        return new PathwayService(PathwayRegistry.load(pathways));
    }
}
