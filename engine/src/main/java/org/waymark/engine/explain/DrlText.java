package org.waymark.engine.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.DrlSource;
import org.waymark.engine.util.Require;

/** One DRL file of a rule-set version (its own or a shared definition's): a name unique within the version, and its text. */
record DrlText(String name, String text) {
    DrlText {
        Require.nonNull("name, text", name, text);
    }

    /** The DRL the version was compiled from, read from its folders the way the loader reads them. */
    static List<DrlText> of(CompiledRuleSet ruleSet) {
        List<DrlText> out = new ArrayList<>();
        int folder = 0;
        for (Path dir : ruleSet.sourceFolders()) {
            folder++;
            try {
                for (DrlSource f : DrlSource.in(dir)) {
                    out.add(new DrlText("f" + folder + "/" + dir.relativize(f.file()).toString().replace('\\', '/'), f.text()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the DRL of " + ruleSet.key(), e);
            }
        }
        return out;
    }
}
