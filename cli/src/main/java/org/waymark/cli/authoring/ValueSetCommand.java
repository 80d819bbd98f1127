package org.waymark.cli.authoring;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.waymark.engine.codelist.CodelistId;
import org.waymark.engine.codelist.ValueSetImport;
import org.waymark.engine.valueset.ValueSetFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code waymark valueset import}: a value set from an OpenCodelists download, with its provenance recorded. */
@Command(name = "valueset", mixinStandardHelpOptions = true, description = "Value sets.", subcommands = ValueSetCommand.Import.class)
public final class ValueSetCommand {
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Make a value-set file from an OpenCodelists CSV download (SNOMED CT or dm+d), recording its source, "
                    + "version and download date; the download is kept under codelists/opencodelists/ for lint.")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DOWNLOAD.csv", description = "The CSV downloaded from the code list version's page.") Path download;

        @Option(names = "--codelist", required = true, paramLabel = "ORG/LIST/VERSION|URL", description = "Which code list version it is, e.g. nhsd-primary-care-domain-refsets/frail_cod/20200812 or its address.") String codelist;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The value-set file to write, e.g. rules/proactive-care/1.1.0/valuesets/frailty.csv.") Path out;

        @Option(names = "--exclude", split = ",", paramLabel = "CODE", description = "Codes of the list to leave out (recorded in '# filter:').") List<String> exclude = List.of();

        @Option(names = "--why", paramLabel = "TEXT", description = "Why the excluded codes are left out (required with --exclude).") String why;

        @Option(names = "--downloaded", paramLabel = "DATE", description = "The day it was downloaded (default: today).") LocalDate downloaded;

        @Option(names = "--repository", paramLabel = "DIR", defaultValue = ".", description = "The repository root holding codelists/ (default: .).") Path repository;

        @Option(names = "--replace", description = "Replace an existing value-set file.") boolean replace;

        @Override
        public Integer call() throws Exception {
            try {
                LocalDate day = downloaded != null ? downloaded : LocalDate.now(ZoneId.of("Europe/London"));
                var result = ValueSetImport.run(new ValueSetImport.Request(download, CodelistId.parse(codelist), repository, out,
                        Set.copyOf(exclude), why, day, replace));
                spec.commandLine().getOut().printf("wrote %s: %d codes (%d left out); download kept at %s%n"
                        + "next: review the codes, then set '# review: reviewed <date> <role>' and run waymark lint%n",
                        result.valueSet(), result.codes(), result.excluded().size(), result.keptDownload());
                return 0;
            } catch (IllegalArgumentException | ValueSetFormatException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
        }
    }
}
