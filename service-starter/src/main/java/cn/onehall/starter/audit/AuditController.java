package cn.onehall.starter.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/<area>/audit}: the service's audit log for auditors. A platform admin sees everything; a supervisor
 * sees entries whose actor belongs to their own region or one below it (data scope in the query, not only the route).
 */
@RestController
@Tag(name = "audit", description = "审计日志 (audit log): decisions and reads of personal data, append-only and hash-chained")
public class AuditController {

    static final String SUPERVISOR = "supervisor";
    static final String PLATFORM_ADMIN = "platform-admin";

    private final AuditLog auditLog;

    public AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/${onehall.area}/audit")
    @Operation(summary = "查询审计日志 (search the audit log)",
            description = "Newest first, keyset paged: pass the previous page's nextCursor as cursor. Roles 监督员 supervisor "
                    + "(own region subtree only) or 平台管理员 platform-admin (all).")
    public AuditPage search(
            @Parameter(description = "资源类型 resource type, e.g. case") @RequestParam(required = false) String resourceType,
            @Parameter(description = "资源标识 resource id; needs resourceType") @RequestParam(required = false) String resourceId,
            @Parameter(description = "操作人 actor's Keycloak subject") @RequestParam(required = false) String actor,
            @Parameter(description = "操作 action, e.g. case.accept") @RequestParam(required = false) String action,
            @Parameter(description = "起始时间 from (inclusive), ISO-8601 with offset") @RequestParam(required = false) String from,
            @Parameter(description = "截止时间 to (exclusive), ISO-8601 with offset") @RequestParam(required = false) String to,
            @Parameter(description = "每页条数 page size 1..200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "游标 nextCursor of the previous page") @RequestParam(required = false) Long cursor) {
        CurrentUser user = CurrentUser.current().orElseThrow(AuditController::forbidden);
        String regionPrefix = null;
        if (!user.hasRole(PLATFORM_ADMIN)) {
            // A supervisor without a valid region gets nothing rather than everything.
            if (!user.hasRole(SUPERVISOR) || !RegionCode.isValid(user.region())) {
                throw forbidden();
            }
            regionPrefix = RegionCode.subtreePrefix(user.region());
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        int pageSize = limit == null ? AuditQuery.DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > AuditQuery.MAX_LIMIT) {
            errors.add(Map.of("field", "limit", "message", "must be between 1 and " + AuditQuery.MAX_LIMIT));
        }
        if (cursor != null && cursor < 1) {
            errors.add(Map.of("field", "cursor", "message", "must be a nextCursor from a previous page"));
        }
        if (resourceId != null && resourceType == null) {
            errors.add(Map.of("field", "resourceType", "message", "is required with resourceId"));
        }
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(Map.of("field", "to", "message", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid", Map.of("errors", errors));
        }
        return auditLog.find(new AuditQuery(blankToNull(resourceType), blankToNull(resourceId), blankToNull(actor), blankToNull(action),
                fromInstant, toInstant, regionPrefix, pageSize, cursor));
    }

    private static Instant instant(String field, String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(Map.of("field", field, "message", "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T08:00:00+08:00"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not do this");
    }
}
