package cn.onehall.application.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of every {@code cn.onehall.case.<verb>} event, exactly as docs/contracts.md lists it. Fields that do not apply
 * yet are written as null (not left out), so consumers see one shape.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseEventData(String caseNumber, String itemCode, Integer itemVersion, String bundleCode, String regionCode,
                            String departmentCode, String powerType, Integer onlineDepth, Integer itemVisits, String channel,
                            String status, OffsetDateTime submittedAt, OffsetDateTime acceptedAt, OffsetDateTime decidedAt,
                            OffsetDateTime completedAt, OffsetDateTime occurredAt, Limit promisedLimit, LocalDate dueDate,
                            Integer suspendedDays, Integer visits, Integer correctionNotices, BigDecimal feeCharged, BigDecimal guideFee,
                            Boolean missingRequiredMaterials, String holderType, String holderRef, String issuesLicenceType,
                            Subtask subtask, Evaluation evaluation, String reason) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Limit(Integer value, String unit) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Subtask(String departmentCode, String outcome, String reason) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Evaluation(String level, LocalDate rectificationDue) {
    }
}
