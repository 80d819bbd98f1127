package org.waymark.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out}: the folder a command writes its files into (the command's description names them). */
public final class OutputFolder {
    @Option(names = "--out", required = true, description = "Output folder.") Path out;

    public Path path() {
        return out;
    }
}
