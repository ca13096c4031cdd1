package cn.onehall.supervision.casefile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data object every {@code cn.onehall.case.*} event carries (docs/contracts.md); fields that do not apply yet are
 * null. {@code holderRef} is deliberately not read: supervision never needs the holder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseEventData(
        String caseNumber, String itemCode, Integer itemVersion, String bundleCode, String regionCode, String departmentCode,
        String powerType, Integer onlineDepth, Integer itemVisits, String channel, String status,
        OffsetDateTime submittedAt, OffsetDateTime acceptedAt, OffsetDateTime decidedAt, OffsetDateTime completedAt,
        OffsetDateTime occurredAt, Limit promisedLimit, LocalDate dueDate, Integer suspendedDays, Integer visits,
        Integer correctionNotices, BigDecimal feeCharged, BigDecimal guideFee, Boolean missingRequiredMaterials,
        String holderType, String issuesLicenceType, Evaluation evaluation, String reason) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Limit(Integer value, String unit) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evaluation(String level, LocalDate rectificationDue) {

        public boolean bad() {
            return "DISSATISFIED".equals(level) || "VERY_DISSATISFIED".equals(level);
        }
    }
}
