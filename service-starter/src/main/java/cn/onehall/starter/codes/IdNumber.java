package cn.onehall.starter.codes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence, check character (MOD 11-2).
 * Only the 18-character form; the old 15-character numbers were all re-issued.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1850, 1, 1);
    // Birth dates are Chinese calendar dates; "today" on a server in UTC would reject people born today before 08:00.
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private IdNumber() {
    }

    /** Trims and upper-cases, so a typed lower-case {@code x} becomes the {@code X} the standard prints. */
    public static String normalise(String idNumber) {
        return idNumber == null ? null : idNumber.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * Whether this is a valid ID number; a lower-case {@code x} check character is accepted, surrounding whitespace is
     * not (callers store {@link #normalise(String)}).
     */
    public static boolean isValid(String idNumber) {
        return isValid(idNumber, LocalDate.now(CHINA));
    }

    /** As {@link #isValid(String)}, with "today" given, for birth dates checked against a fixed day. */
    public static boolean isValid(String idNumber, LocalDate today) {
        if (idNumber == null || idNumber.length() != 18) {
            return false;
        }
        String first17 = idNumber.substring(0, 17);
        if (!allDigits(first17)) {
            return false;
        }
        if (Character.toUpperCase(idNumber.charAt(17)) != checkCharacter(first17)) {
            return false;
        }
        LocalDate birthDate = birthDateOrNull(idNumber);
        return birthDate != null && !birthDate.isBefore(EARLIEST_BIRTH_DATE) && !birthDate.isAfter(today);
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17 || !allDigits(first17)) {
            throw new IllegalArgumentException("an ID number check character needs exactly 17 digits, got " + describe(first17));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * The region code of registration (positions 1–6). It may be a code since withdrawn from GB/T 2260, so look it up
     * with care.
     */
    public static String regionCode(String idNumber) {
        return requireValid(idNumber).substring(0, 6);
    }

    /** The birth date (positions 7–14). */
    public static LocalDate birthDate(String idNumber) {
        return birthDateOrNull(requireValid(idNumber));
    }

    private static String requireValid(String idNumber) {
        if (!isValid(idNumber)) {
            // The number itself is personal data: never put it into a message that may reach a log.
            throw new IllegalArgumentException("not a valid ID number (公民身份号码)");
        }
        return idNumber;
    }

    private static LocalDate birthDateOrNull(String idNumber) {
        int year = Integer.parseInt(idNumber, 6, 10, 10);
        int month = Integer.parseInt(idNumber, 10, 12, 10);
        int day = Integer.parseInt(idNumber, 12, 14, 10);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String describe(String s) {
        return s == null ? "null" : s.length() + " characters";
    }
}
