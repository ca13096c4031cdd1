package cn.onehall.application.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import cn.onehall.application.intake.MaterialRepository.CaseMaterial;
import io.swagger.v3.oas.annotations.media.Schema;

/** A case as its holder and the officers handling it see it (the anonymous progress view is {@link PublicProgress}). */
@Schema(description = "办件 case with its materials, sub-tasks, notices and timeline")
public record CaseView(long id, String caseNumber, CaseStatus status, Channel channel, String itemCode, int itemVersion, String itemName,
                       String bundleCode, String regionCode, String departmentCode, String departmentName, String holderType,
                       String holderRef, String applicantName, String contactPhone, Map<String, Object> form, OffsetDateTime submittedAt,
                       OffsetDateTime acceptedAt, OffsetDateTime decidedAt, OffsetDateTime completedAt, Integer promisedLimit,
                       String promisedUnit, LocalDate dueDate, int suspendedDays, int extensionDays, int visits, int correctionNotices,
                       BigDecimal guideFee, BigDecimal feeCharged, String decisionReason, String deliveryMethod, String trackingNumber,
                       String licenceId, String licenceIdentifier, int version, List<CaseMaterial> materials, List<Subtask> subtasks,
                       List<Notice> correctionNoticeList, List<CaseRepository.TimelineEntry> timeline) {

    public record Subtask(String departmentCode, String outcome, String reason, OffsetDateTime decidedAt) {
    }

    public record Notice(int seq, List<Map<String, Object>> items, String reason, OffsetDateTime issuedAt, OffsetDateTime resolvedAt) {
    }
}
