package org.waymark.engine.codelist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenCodelists code list version: {@code <organisation>/<codelist>/<version>}, as in its address
 * {@code https://www.opencodelists.org/codelist/nhsd-primary-care-domain-refsets/frail_cod/20200812/}.
 */
public record CodelistId(String organisation, String codelist, String version) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ADDRESS = Pattern.compile("(?:https?://(?:www\\.)?opencodelists\\.org)?/?(?:codelist/)?([^/]+)/([^/]+)/([^/]+)/?");

    public CodelistId {
        for (String part : new String[] {organisation, codelist, version}) {
            if (part == null || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + part + "' is not an OpenCodelists name part (letters, digits, . _ -)");
            }
        }
    }

    /** From {@code org/codelist/version} or the code list version's address. */
    public static CodelistId parse(String text) {
        Matcher m = ADDRESS.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not <organisation>/<codelist>/<version> or an opencodelists.org codelist address");
        }
        return new CodelistId(m.group(1), m.group(2), m.group(3));
    }

    public String address() {
        return "https://www.opencodelists.org/codelist/" + organisation + "/" + codelist + "/" + version + "/";
    }

    /** Where the download is kept in the repository, so lint can check the value set against it offline. */
    public String repositoryPath() {
        return "codelists/opencodelists/" + organisation + "/" + codelist + "/" + version + ".csv";
    }
}
