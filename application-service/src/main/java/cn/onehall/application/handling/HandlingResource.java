package cn.onehall.application.handling;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseStatus;
import cn.onehall.application.cases.CaseTransitions;
import cn.onehall.application.cases.CaseView;
import cn.onehall.application.cases.CaseViews;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Officers' acts on a case. Every state change needs If-Match with the case's ETag; the loser of a race gets 409. */
@RestController
@RequestMapping("/api/applications")
@Validated
@Tag(name = "handling 受理与办理", description = "Pre-review, one-time notice, accept/refuse, suspend/resume, extension, parallel approval, delivery, completion")
class HandlingResource {

    private static final String CASE = "/cases/{caseNumber:\\d{6,32}}";
    private static final String OFFICER = "hasAnyRole('officer', 'dept-admin')";

    record Page(List<CaseView> items, String nextCursor) {
    }

    record Withdrawal(@Size(max = 500) String reason) {
    }

    record Visit(@Size(max = 500) String note) {
    }

    private final HandlingService handling;
    private final CaseRepository cases;
    private final CaseViews views;

    HandlingResource(HandlingService handling, CaseRepository cases, CaseViews views) {
        this.handling = handling;
        this.cases = cases;
        this.views = views;
    }

    @GetMapping("/worklist")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Worklist (待办) of your department: cases routed to it by status and due date, earliest due first; keyset pages")
    Page worklist(@RequestParam(required = false) List<CaseStatus> status, @RequestParam(required = false) LocalDate dueBy,
                  @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_=-]*") String cursor,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser u = CurrentUser.from(jwt);
        if (u.department() == null) {
            return new Page(List.of(), null);
        }
        List<CaseStatus> statuses = status == null || status.isEmpty()
                ? List.copyOf(EnumSet.of(CaseStatus.SUBMITTED, CaseStatus.PRE_REVIEW, CaseStatus.CORRECTION_REQUIRED, CaseStatus.ACCEPTED,
                CaseStatus.UNDER_REVIEW, CaseStatus.SUSPENDED, CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.DELIVERED))
                : status;
        LocalDate afterDue = null;
        long afterId = 0;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterDue = LocalDate.parse(parts[0]);
                afterId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "cursor is not one this API returned");
            }
        }
        List<ApplicationCase> rows = cases.worklist(u.department(), statuses, dueBy, afterDue, afterId, limit + 1);
        List<ApplicationCase> page = rows.stream().limit(limit).toList();
        String next = null;
        if (rows.size() > limit) {
            ApplicationCase last = page.getLast();
            LocalDate due = last.dueDate() == null ? CaseRepository.NO_DUE_DATE : last.dueDate();
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((due + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(page.stream().map(c -> views.summary(c, u)).toList(), next);
    }

    @PostMapping(CASE + "/correction-notice")
    @PreAuthorize(OFFICER)
    @Operation(summary = "One-time notice (一次性告知): return the case with every correction at once; the clock does not run meanwhile")
    ResponseEntity<CaseView> correction(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody HandlingRequests.CorrectionNotice body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.requestCorrection(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body, CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/resubmission")
    @PreAuthorize("hasRole('applicant')")
    @Operation(summary = "Resubmit after correcting (补正后重新提交)")
    ResponseEntity<CaseView> resubmit(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                      @AuthenticationPrincipal Jwt jwt) {
        return view(handling.resubmit(caseNumber, CaseTransitions.parseIfMatch(ifMatch), CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/acceptance")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Accept (受理): starts the promised time limit in working days; opens the sub-tasks of parallel approval")
    ResponseEntity<CaseView> accept(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody(required = false) HandlingRequests.Accept body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.accept(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body == null ? null : body.feeCharged(),
                CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/refusal")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Refuse to accept (不予受理) with the reason")
    ResponseEntity<CaseView> refuse(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody HandlingRequests.Reason body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.refuse(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body.reason(), CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/suspension")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Suspend the clock (hearing, expert review, inspection, correction)")
    ResponseEntity<CaseView> suspend(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody HandlingRequests.Suspend body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.suspend(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body.kind(), body.reason(), CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/resumption")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Resume the clock; the due date moves by the suspended working days")
    ResponseEntity<CaseView> resume(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @AuthenticationPrincipal Jwt jwt) {
        return view(handling.resume(caseNumber, CaseTransitions.requireIfMatch(ifMatch), CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/extensions")
    @PreAuthorize("hasRole('officer')")
    @Operation(summary = "Ask for an extension of the time limit (延期); a dept-admin must approve it")
    ResponseEntity<HandlingService.ExtensionView> extension(@PathVariable String caseNumber,
                                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                            @Valid @RequestBody HandlingRequests.Extension body, @AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.status(HttpStatus.CREATED).body(handling.requestExtension(caseNumber, CaseTransitions.requireIfMatch(ifMatch),
                body.days(), body.reason(), CurrentUser.from(jwt)));
    }

    @PostMapping(CASE + "/extensions/{extensionId}/decision")
    @PreAuthorize("hasRole('dept-admin')")
    @Operation(summary = "Approve or reject an extension (dept-admin of the case's department)")
    HandlingService.ExtensionView extensionDecision(@PathVariable String caseNumber, @PathVariable long extensionId,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    @Valid @RequestBody HandlingRequests.ExtensionDecision body, @AuthenticationPrincipal Jwt jwt) {
        return handling.decideExtension(caseNumber, extensionId, CaseTransitions.requireIfMatch(ifMatch), body.approve(), body.reason(),
                CurrentUser.from(jwt));
    }

    @PostMapping(CASE + "/subtask/decision")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Decide your department's sub-task (并联审批): APPROVED or DENIED with a reason")
    ResponseEntity<CaseView> decide(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody HandlingRequests.SubtaskDecision body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.decideSubtask(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body.outcome(), body.reason(),
                CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/delivery")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Deliver the result (送达): ONLINE, POST with tracking number, or WINDOW (records a visit)")
    ResponseEntity<CaseView> deliver(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody HandlingRequests.Delivery body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.deliver(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body.method(), body.trackingNumber(),
                CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/completion")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Complete the case (办结)")
    ResponseEntity<CaseView> complete(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                      @AuthenticationPrincipal Jwt jwt) {
        return view(handling.complete(caseNumber, CaseTransitions.requireIfMatch(ifMatch), CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/withdrawal")
    @PreAuthorize("hasRole('applicant')")
    @Operation(summary = "Withdraw your application (撤回) before a decision")
    ResponseEntity<CaseView> withdraw(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                      @Valid @RequestBody(required = false) Withdrawal body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.withdraw(caseNumber, CaseTransitions.parseIfMatch(ifMatch), body == null ? null : body.reason(),
                CurrentUser.from(jwt)), jwt);
    }

    @PostMapping(CASE + "/visits")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Record a visit of the applicant to the window (到现场一次)")
    ResponseEntity<CaseView> visit(@PathVariable String caseNumber, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody(required = false) Visit body, @AuthenticationPrincipal Jwt jwt) {
        return view(handling.recordVisit(caseNumber, CaseTransitions.requireIfMatch(ifMatch), body == null ? null : body.note(),
                CurrentUser.from(jwt)), jwt);
    }

    private ResponseEntity<CaseView> view(ApplicationCase c, Jwt jwt) {
        return ResponseEntity.ok().eTag(c.etag()).body(views.full(c, CurrentUser.from(jwt)));
    }
}
