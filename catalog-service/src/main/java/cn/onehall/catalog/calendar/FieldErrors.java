package cn.onehall.catalog.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * Collects every field error of one request so the caller sees them all at once, in the starter's
 * VALIDATION_FAILED shape ({@code errors[]} of field and message). Missing query parameters go through here too:
 * Spring alone would answer them as MALFORMED_REQUEST without errors[].
 */
final class FieldErrors {

    private final List<Map<String, String>> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** An ISO date (yyyy-MM-dd), or null after recording why not. */
    LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            add(field, "must be an ISO date (yyyy-MM-dd)");
            return null;
        }
    }

    /** An integer in [min, max], or null after recording why not. */
    Integer integer(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                add(field, "must be between " + min + " and " + max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            add(field, "must be a whole number between " + min + " and " + max);
            return null;
        }
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                    Map.of("errors", List.copyOf(errors)));
        }
    }
}
