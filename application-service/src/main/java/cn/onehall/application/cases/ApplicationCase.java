package cn.onehall.application.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One 办件 row: what it was filed against (copied from the pinned guide version) and where it stands. */
public record ApplicationCase(long id, String caseNumber, String queryCode, String itemCode, int itemVersion, String itemName,
                              String bundleCode, String regionCode, String departmentCode, String departmentName, String powerType,
                              Integer onlineDepth, Integer itemVisits, boolean preReview, Integer promisedValue, String promisedUnit,
                              BigDecimal guideFee, String issuesLicenceType, Channel channel, CaseStatus status, CaseStatus statusBefore,
                              String holderType, String holderRef, String agentRef, String applicantName, String contactPhone,
                              String createdBy, String formJson, String submissionKey, String externalClient, String externalId,
                              Instant submittedAt, Instant acceptedAt, LocalDate acceptedOn, Instant decidedAt, Instant completedAt,
                              LocalDate dueDate, int suspendedDays, LocalDate suspendedOn, String suspensionKind, int extensionDays,
                              int visits, int correctionNotices, BigDecimal feeCharged, boolean missingRequired, String decisionReason,
                              String deliveryMethod, String trackingNumber, String licenceId, String licenceIdentifier, int version) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
