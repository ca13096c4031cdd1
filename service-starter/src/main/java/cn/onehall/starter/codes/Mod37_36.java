package cn.onehall.starter.codes;

/**
 * ISO/IEC 7064 hybrid system MOD 37,36 over {@code 0-9A-Z} (values 0–35); the check character is from the same
 * alphabet. It catches every single substitution, but not every adjacent transposition.
 */
public final class Mod37_36 {

    private static final int M = 36;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Mod37_36() {
    }

    /** The check character for a non-empty string of upper-case letters and digits. */
    public static char compute(String data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("MOD 37,36 needs at least one character");
        }
        int p = M;
        for (int i = 0; i < data.length(); i++) {
            int value = ALPHABET.indexOf(data.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + data.charAt(i) + "' at position " + (i + 1)
                        + " is not an upper-case letter or digit: " + data);
            }
            int s = (p + value) % M;
            // The standard takes the remainder in 1..M, not 0..M-1.
            if (s == 0) {
                s = M;
            }
            p = (s * 2) % (M + 1);
        }
        // The check makes the final (p + check) mod M equal 1.
        return ALPHABET.charAt((M + 1 - p) % M);
    }

    /** Whether the last character is the check character of the rest; false for anything malformed. */
    public static boolean verify(String withCheck) {
        if (withCheck == null || withCheck.length() < 2) {
            return false;
        }
        if (!isAlphanumeric(withCheck)) {
            return false;
        }
        int last = withCheck.length() - 1;
        return compute(withCheck.substring(0, last)) == withCheck.charAt(last);
    }

    static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
