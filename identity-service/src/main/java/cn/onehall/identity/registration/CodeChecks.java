package cn.onehall.identity.registration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;

import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * Says which check of GB 11643 or GB 32100 a code fails, so a registrant who mistyped knows where to look. The
 * algorithms are the starter's {@link IdNumber} and {@link CreditCode}; only the diagnosis lives here. Messages never
 * repeat the value, and never give the right check character away.
 */
final class CodeChecks {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private CodeChecks() {
    }

    record Failure(String check, String message) {
    }

    /** The first failing check of a 公民身份号码, or empty when it is valid. */
    static Optional<Failure> idNumber(String value) {
        if (value == null || value.length() != 18) {
            return Optional.of(new Failure("LENGTH", "must have 18 characters (公民身份号码, GB 11643)"));
        }
        String first17 = value.substring(0, 17);
        char last = Character.toUpperCase(value.charAt(17));
        if (!first17.chars().allMatch(c -> c >= '0' && c <= '9') || !(last == 'X' || last >= '0' && last <= '9')) {
            return Optional.of(new Failure("CHARACTERS", "must be 17 digits followed by a digit or X"));
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(value, 6, 10, 10), Integer.parseInt(value, 10, 12, 10), Integer.parseInt(value, 12, 14, 10));
        } catch (java.time.DateTimeException e) {
            return Optional.of(new Failure("BIRTH_DATE", "positions 7-14 are not a real date of birth"));
        }
        if (birth.isBefore(LocalDate.of(1850, 1, 1)) || birth.isAfter(LocalDate.now(CHINA))) {
            return Optional.of(new Failure("BIRTH_DATE", "the date of birth in positions 7-14 is out of range"));
        }
        if (IdNumber.checkCharacter(first17) != last) {
            return Optional.of(new Failure("CHECK_CHARACTER", "the check character (position 18, MOD 11-2) does not match the other digits"));
        }
        return IdNumber.isValid(value) ? Optional.empty() : Optional.of(new Failure("INVALID", "is not a valid ID number"));
    }

    /** The first failing check of a 统一社会信用代码, or empty when it is valid. */
    static Optional<Failure> creditCode(String value) {
        if (value == null || value.length() != 18) {
            return Optional.of(new Failure("LENGTH", "must have 18 characters (统一社会信用代码, GB 32100)"));
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        if (!upper.chars().allMatch(c -> CREDIT_ALPHABET.indexOf(c) >= 0)) {
            return Optional.of(new Failure("CHARACTERS", "may use only digits and capital letters other than I, O, S, V and Z"));
        }
        if (!upper.substring(2, 8).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(new Failure("REGION", "positions 3-8 must be the digits of a region code"));
        }
        if (CreditCode.checkCharacter(upper.substring(0, 17)) != upper.charAt(17)) {
            return Optional.of(new Failure("CHECK_CHARACTER", "the check character (position 18) does not match the other characters"));
        }
        return CreditCode.isValid(upper) ? Optional.empty() : Optional.of(new Failure("INVALID", "is not a valid credit code"));
    }

    /** 400 VALIDATION_FAILED naming the field and the failed check. */
    static void require(String field, Optional<Failure> failure) {
        failure.ifPresent(f -> {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                    Map.of("errors", List.of(Map.of("field", field, "check", f.check(), "message", f.message()))));
        });
    }
}
