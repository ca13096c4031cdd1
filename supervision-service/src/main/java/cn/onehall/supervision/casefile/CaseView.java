package cn.onehall.supervision.casefile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Supervision's view of one case: what the cards and the measures need, nothing personal.
 * Instants are UTC; months and dates are those of the hall's zone (Asia/Shanghai).
 */
public record CaseView(
        String caseNumber, String itemCode, Integer itemVersion, String bundleCode, String regionCode, String departmentCode,
        String powerType, Integer onlineDepth, Integer itemVisits, String channel, String status, String lastType,
        long lastOccurredMs, Instant submittedAt, Instant acceptedAt, Instant decidedAt, Instant completedAt,
        LocalDate suspendedSince, Integer promisedValue, String promisedUnit, LocalDate dueDate, int suspendedDays, int visits,
        int correctionNotices, BigDecimal feeCharged, BigDecimal guideFee, boolean missingRequired, String issuesLicenceType,
        String evaluationLevel, Long evaluatedMs, Instant badReviewAt, LocalDate rectificationDue, Instant rectifiedAt) {

    public static final Set<String> ONLINE_CHANNELS = Set.of("ONLINE_WEB", "ONLINE_MOBILE");
    /** States after which nothing more happens to a case's handling. */
    public static final Set<String> ENDED = Set.of("COMPLETED", "WITHDRAWN", "REFUSED");
    /** States in which the time limit stands still (补正, 中止). */
    public static final Set<String> CLOCK_STOPPED = Set.of("CORRECTION_REQUIRED", "SUSPENDED");
    public static final Set<String> SATISFIED_LEVELS = Set.of("VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED");

    public boolean online() {
        return channel != null && ONLINE_CHANNELS.contains(channel);
    }

    public boolean licensing() {
        return "LICENSING".equals(powerType);
    }

    public boolean ended() {
        return ENDED.contains(status);
    }

    public boolean decided() {
        return decidedAt != null;
    }

    public boolean workingDayLimit() {
        return promisedUnit == null || "WORKING_DAYS".equals(promisedUnit);
    }
}
