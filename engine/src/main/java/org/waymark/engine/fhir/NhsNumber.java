package org.waymark.engine.fhir;

/** NHS number validation: ten digits with a modulus-11 check digit (CR-0). */
public final class NhsNumber {
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private NhsNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        String digits = value.replace(" ", "");
        // Checked by hand: String.matches compiled a regex on every call, once per patient read.
        if (digits.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
