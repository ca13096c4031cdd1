package cn.onehall.license.licence;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.license.config.Idempotency;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/licenses/imports")
@Tag(name = "bulk import 存量电子化", description = "Paper licences brought in as one all-or-nothing batch")
class ImportResource {

    record ImportRequest(List<BulkImport.Row> rows, Boolean dryRun) {
    }

    private final BulkImport imports;
    private final Idempotency idempotency;
    private final AuditLog audit;

    ImportResource(BulkImport imports, Idempotency idempotency, AuditLog audit) {
        this.imports = imports;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Import a batch of paper licences: 201 with the new licences, or 422 with every bad row and nothing written; dryRun only checks")
    ResponseEntity<Object> run(@RequestBody ImportRequest request, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                               @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        return idempotency.run(user.subject(), key, request, () -> {
            BulkImport.Report report = imports.run(request.rows(), Boolean.TRUE.equals(request.dryRun()), user);
            if (!report.errors().isEmpty()) {
                audit.record("licence.import", "licence-batch", null, Outcome.FAILED, Map.of("rows", report.rows(), "errors", report.errors().size()));
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(report);
            }
            if (report.dryRun()) {
                return ResponseEntity.ok(report);
            }
            audit.record("licence.import", "licence-batch", null, Outcome.SUCCESS, Map.of("rows", report.rows()));
            return ResponseEntity.status(HttpStatus.CREATED).body(report);
        });
    }
}
