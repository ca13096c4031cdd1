package cn.onehall.license.licence;

/** One reason a licence cannot be issued as asked; {@code row} is set in bulk-import reports (1-based). */
public record FieldError(Integer row, String field, String message) {
}
