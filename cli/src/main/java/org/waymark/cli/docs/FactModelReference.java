package org.waymark.cli.docs;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithJavadoc;
import com.github.javaparser.ParserConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * docs/fact-model.md, generated from the engine's source: every fact a rule matches on, with its fields and helper
 * methods, and the globals ({@code asOf}, {@code params}, {@code out}), each with its Javadoc. Generated, so the
 * reference cannot drift from the code; {@code waymark docs} rewrites it and a test fails when it is stale.
 */
final class FactModelReference {
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    /** A part of the reference: a heading, what it is for, and the source files it documents. */
    private record Part(String heading, String intro, List<String> files) {
    }

    private FactModelReference() {
    }

    static String generate(Path engineSources) throws IOException {
        StaticJavaParser.setConfiguration(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW));
        Path facts = engineSources.resolve("org/waymark/engine/facts");
        List<String> factFiles;
        try (Stream<Path> files = Files.list(facts)) {
            factFiles = files.map(p -> "org/waymark/engine/facts/" + p.getFileName()).sorted().toList();
        }
        List<Part> parts = List.of(
                new Part("Globals", "Every rule set's DRL declares these three globals; the engine sets them for each evaluation.",
                        List.of("org/waymark/engine/time/EvaluationTime.java", "org/waymark/engine/ruleset/Parameters.java",
                                "org/waymark/engine/evaluation/Outcome.java")),
                new Part("Facts", "What a rule's conditions match on: the patient, each counting entry of the record (entries that do "
                        + "not count under CR-0 never become facts) and the facts the shared definitions derive.", factFiles));
        StringBuilder out = new StringBuilder();
        out.append("# Fact model reference\n\n")
                .append("Generated from the engine's source by `./waymark docs`; do not edit by hand. How to use these in a rule: ")
                .append("[writing a rule](writing-a-rule.md).\n\n")
                .append("In DRL, a field is read by its name (`Patient( ageYears >= 65 )`), a method with arguments is called ")
                .append("(`RecordEntry( in(\"dementia\"), onOrAfter(asOf.monthsAgo(12)) )`), and a global is used by its name ")
                .append("(`asOf`, `params`, `out`).\n");
        for (Part part : parts) {
            out.append("\n## ").append(part.heading()).append("\n\n").append(part.intro()).append('\n');
            for (String file : part.files()) {
                CompilationUnit unit = StaticJavaParser.parse(engineSources.resolve(file));
                for (TypeDeclaration<?> type : unit.getTypes()) {
                    if (type.isPublic()) {
                        describe(type, out);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void describe(TypeDeclaration<?> type, StringBuilder out) {
        String kind = type instanceof RecordDeclaration ? "record" : type.isEnumDeclaration() ? "enum"
                : type.isClassOrInterfaceDeclaration() && type.asClassOrInterfaceDeclaration().isInterface() ? "interface" : "class";
        out.append("\n### `").append(type.getNameAsString()).append("` (").append(kind).append(")\n\n");
        out.append(doc(type)).append("\n");
        if (type instanceof RecordDeclaration record && !record.getParameters().isEmpty()) {
            out.append("\n| field | type |\n|---|---|\n");
            record.getParameters().forEach(p -> out.append("| `").append(p.getNameAsString()).append("` | `")
                    .append(p.getTypeAsString()).append("` |\n"));
        }
        if (type.isEnumDeclaration()) {
            out.append("\nValues: ").append(String.join(", ", type.asEnumDeclaration().getEntries().stream()
                    .map(e -> "`" + e.getNameAsString() + "`").toList())).append(".\n");
        }
        boolean isInterface = kind.equals("interface");
        List<MethodDeclaration> methods = new ArrayList<>();
        for (MethodDeclaration m : type.getMethods()) {
            boolean visible = m.isPublic() || isInterface && !m.isPrivate();
            if (visible && !OBJECT_METHODS.contains(m.getNameAsString()) && !m.getAnnotationByName("Override").isPresent()) {
                methods.add(m);
            }
        }
        if (!methods.isEmpty()) {
            out.append("\n| method | returns | what it does |\n|---|---|---|\n");
            for (MethodDeclaration m : methods) {
                String params = String.join(", ", m.getParameters().stream().map(p -> p.getTypeAsString() + " " + p.getNameAsString()).toList());
                out.append("| `").append(m.isStatic() ? type.getNameAsString() + "." : "").append(m.getNameAsString()).append('(')
                        .append(params).append(")` | `").append(m.getTypeAsString()).append("` | ")
                        .append(doc(m).replace("\n", " ").replace("|", "\\|")).append(" |\n");
            }
        }
    }

    /** The Javadoc's description as Markdown: {@code x} and {@link X} become code, paragraphs stay paragraphs. */
    private static String doc(NodeWithJavadoc<?> node) {
        return node.getJavadoc().map(j -> j.getDescription().toText()).map(FactModelReference::markdown).orElse("").strip();
    }

    static String markdown(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|link|linkplain)\\s+#?([^}]*)}", "`$1`")
                .replaceAll("\\s*<p>\\s*", "\n\n")
                .replaceAll("</?(?:pre|ul|li|em|b|i)>", "")
                .replaceAll("[ \\t]*\\n[ \\t]*(?!\\n)", " ")
                .replaceAll("\\n\\s*\\n", "\n\n");
    }
}
