package cn.onehall.starter.codes;

import java.util.Locale;

/**
 * 统一社会信用代码 (GB 32100-2015): registration authority (1), institution category (1), region code (6), organisation
 * code (9), check character. The alphabet leaves out I, O, S, V and Z, which are easily confused with digits.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Trims and upper-cases. */
    public static String normalise(String creditCode) {
        return creditCode == null ? null : creditCode.strip().toUpperCase(Locale.ROOT);
    }

    /** Whether this is a valid credit code; lower case is accepted, surrounding whitespace is not. */
    public static boolean isValid(String creditCode) {
        if (creditCode == null || creditCode.length() != 18) {
            return false;
        }
        String code = creditCode.toUpperCase(Locale.ROOT);
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        if (!IdNumber.allDigits(code.substring(2, 8))) {
            return false;
        }
        return code.charAt(17) == checkCharacter(code.substring(0, 17));
    }

    /** The check character for the first 17 characters (upper case). */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("a credit code check character needs exactly 17 characters, got "
                    + (first17 == null ? "null" : first17.length() + ": " + first17));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' at position " + (i + 1)
                        + " is not a credit code character (0-9 and A-Z without I, O, S, V, Z): " + first17);
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /**
     * The region code of the registering authority (positions 3–8). Central bodies use codes such as {@code 100000}
     * that are not in GB/T 2260, so this is not checked against {@link RegionCode}.
     */
    public static String regionCode(String creditCode) {
        if (!isValid(creditCode)) {
            throw new IllegalArgumentException("not a valid credit code (统一社会信用代码): " + creditCode);
        }
        return creditCode.substring(2, 8);
    }
}
