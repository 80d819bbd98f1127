package org.waymark.engine.lint;

/**
 * SNOMED CT identifier checks: 6 to 18 digits, no leading zero, a partition identifier (second and
 * third digits from the right) for a concept, and a valid Verhoeff check digit (the last digit).
 */
public final class SnomedIdentifier {
    private static final int[][] D = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    private SnomedIdentifier() {
    }

    /** Why {@code code} is not a well-formed SNOMED CT concept id, or empty when it is. */
    public static java.util.Optional<String> problem(String code) {
        if (!code.matches("\\d{6,18}")) {
            return java.util.Optional.of("'" + code + "' is not a SNOMED CT identifier (6 to 18 digits)");
        }
        if (code.charAt(0) == '0') {
            return java.util.Optional.of("'" + code + "' has a leading zero");
        }
        String partition = code.substring(code.length() - 3, code.length() - 1);
        if (!partition.equals("00") && !partition.equals("10")) {
            return java.util.Optional.of("'" + code + "' has partition " + partition + ", not a concept (00 or 10)");
        }
        if (!verhoeffValid(code)) {
            return java.util.Optional.of("'" + code + "' fails the Verhoeff check digit");
        }
        return java.util.Optional.empty();
    }

    static boolean verhoeffValid(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            c = D[c][P[i % 8][d]];
        }
        return c == 0;
    }
}
