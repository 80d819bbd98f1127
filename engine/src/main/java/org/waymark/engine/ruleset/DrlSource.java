package org.waymark.engine.ruleset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A DRL file of a rule-set version or shared definition, read as the loader compiles it. */
public record DrlSource(Path file, String text) {
    /**
     * The DRL files of a version's (or shared definition's) folder and of its subfolders one level down, in path
     * order: what the loader compiles, so every reader of a version's rules sees the same files.
     */
    public static List<DrlSource> in(Path folder) throws IOException {
        List<DrlSource> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 2)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                out.add(new DrlSource(f, Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }
}
