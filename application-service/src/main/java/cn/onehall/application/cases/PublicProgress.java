package cn.onehall.application.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What anyone holding the case number and query code sees: status and dates, no personal data, no officers' notes. */
@Schema(description = "Anonymous progress (办件进度) by case number and query code")
public record PublicProgress(String caseNumber, String itemName, String departmentName, CaseStatus status, OffsetDateTime submittedAt,
                             OffsetDateTime acceptedAt, LocalDate dueDate, OffsetDateTime decidedAt, OffsetDateTime completedAt,
                             List<Step> steps) {

    public record Step(OffsetDateTime at, String action, String status) {
    }
}
