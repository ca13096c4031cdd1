package cn.onehall.supervision.complaint;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import cn.onehall.supervision.config.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "complaints 投诉与曝光纠错", description = "Anonymous complaints routed to the department, answered within working days")
class ComplaintResource {

    record ComplaintDraft(@NotNull @Pattern(regexp = "COMPLAINT|CORRECTION") String category,
                          @NotBlank @ValidRegionCode String regionCode,
                          @ValidCreditCode String departmentCode,
                          @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String itemCode,
                          @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String caseNumber,
                          @NotBlank @Size(min = 5, max = 2000) String content) {
    }

    record Reply(@NotBlank @Size(min = 2, max = 2000) String publicReply) {
    }

    record Page(List<Object> items, String nextCursor) {
    }

    private final Complaints complaints;
    private final ComplaintThrottle throttle;
    private final AuditLog audit;

    ComplaintResource(Complaints complaints, ComplaintThrottle throttle, AuditLog audit) {
        this.complaints = complaints;
        this.throttle = throttle;
        this.audit = audit;
    }

    @PostMapping("/api/supervision/public/complaints")
    @Operation(summary = "File a complaint or a correction (投诉 / 曝光纠错) anonymously; throttled per client IP",
            description = "Routed to the department named, or the case's or item's department; it must answer within "
                    + "onehall.supervision.complaint-response-working-days, or the complaint gets a red card. Send Idempotency-Key to retry safely.")
    ResponseEntity<Map<String, Object>> file(@Valid @RequestBody ComplaintDraft draft,
                                             @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = "[A-Za-z0-9_-]{8,100}") String key,
                                             HttpServletRequest request) {
        throttle.check(request);
        Complaints.Complaint c = complaints.file(new Complaints.Draft(draft.category(), draft.regionCode(), draft.departmentCode(), draft.itemCode(),
                draft.caseNumber(), draft.content()), key);
        // the receipt: the number to quote, where it went, by when it is answered; nothing the public list would not show
        return ResponseEntity.created(URI.create("/api/supervision/complaints/" + c.complaintNumber()))
                .body(Map.of("complaintNumber", c.complaintNumber(), "departmentCode", c.departmentCode(), "responseDue", c.responseDue().toString(),
                        "status", c.status()));
    }

    @GetMapping("/api/supervision/public/complaints")
    @Operation(summary = "Handled complaints of a region subtree with the departments' public replies (keyset pages); public")
    Page handled(@RequestParam @NotBlank @ValidRegionCode String region,
                 @RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String cursor,
                 @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return page(complaints.page(RegionCode.subtreePrefix(region), null, "HANDLED", cursor == null ? null : Long.parseLong(cursor), limit, true), limit);
    }

    @GetMapping("/api/supervision/complaints")
    @Operation(summary = "Complaints in the caller's scope (supervisors: region subtree; officers: their department), newest first")
    Page list(@RequestParam(required = false) @ValidRegionCode String region,
              @RequestParam(required = false) @ValidCreditCode String department,
              @RequestParam(required = false) @Pattern(regexp = "OPEN|HANDLED") String status,
              @RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String cursor,
              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
              @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        String inRegion = scope.regionFor(region);
        return page(complaints.page(inRegion == null ? null : RegionCode.subtreePrefix(inRegion), scope.departmentFor(department), status,
                cursor == null ? null : Long.parseLong(cursor), limit, false), limit);
    }

    @PostMapping("/api/supervision/complaints/{number}/response")
    @PreAuthorize("hasAnyRole('officer', 'dept-admin')")
    @Operation(summary = "The department answers a complaint; the reply is published with it")
    Complaints.Complaint respond(@PathVariable @Pattern(regexp = "[A-Z0-9]{6,40}") String number, @Valid @RequestBody Reply reply,
                                 @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        if (user.department() == null) {
            throw ProblemException.notFound("complaint");
        }
        Complaints.Complaint c = complaints.respond(number, user.department(), reply.publicReply());
        audit.record("supervision.complaint.respond", "complaint", number, Outcome.SUCCESS, Map.of("departmentCode", user.department()));
        return c;
    }

    private static Page page(List<Map<String, Object>> rows, int limit) {
        boolean more = rows.size() > limit;
        List<Map<String, Object>> shown = more ? rows.subList(0, limit) : rows;
        return new Page(shown.stream().map(r -> r.get("item")).toList(), more ? String.valueOf(shown.getLast().get("seq")) : null);
    }
}
