package cn.onehall.license.licence;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

import cn.onehall.license.config.Idempotency;
import cn.onehall.license.type.LicenceType;
import cn.onehall.license.type.LicenceTypes;
import cn.onehall.license.verify.LicencePdf;
import cn.onehall.license.verify.Verification;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/licenses")
@Validated
@Tag(name = "licences 电子证照", description = "Issue, read and manage electronic licences; holders read their own")
class LicenceResource {

    record IssueRequest(@NotBlank String typeCode, @NotBlank String holderType, @NotBlank String holderRef,
                        Map<String, String> data, LocalDate validFrom, LocalDate validUntil, @Size(max = 60) String paperNumber) {
        IssueCommand command(String source) {
            return new IssueCommand(typeCode, holderType, holderRef, data, validFrom, validUntil, null, paperNumber, null, source);
        }
    }

    record ReasonRequest(@Size(max = 500) String reason) {
    }

    record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record ReissueRequest(Map<String, String> data, LocalDate validUntil, @NotBlank @Size(max = 500) String reason) {
    }

    record Page(List<LicenceView> items, String nextCursor) {
    }

    private final LicenceService service;
    private final LicenceRepository licences;
    private final LicenceAccess access;
    private final LicenceTypes types;
    private final Holders holders;
    private final Verification verification;
    private final Idempotency idempotency;
    private final AuditLog audit;

    LicenceResource(LicenceService service, LicenceRepository licences, LicenceAccess access, LicenceTypes types, Holders holders,
                    Verification verification, Idempotency idempotency, AuditLog audit) {
        this.service = service;
        this.licences = licences;
        this.access = access;
        this.types = types;
        this.holders = holders;
        this.verification = verification;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Issue a licence (license-admin of the type's region); Idempotency-Key replays the first answer")
    ResponseEntity<Object> issue(@Valid @RequestBody IssueRequest request, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        LicenceType type = types.find(request.typeCode()).orElseThrow(() -> invalidType());
        if (!LicenceAccess.canIssue(user, type)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not issue licences of this type");
        }
        return idempotency.run(user.subject(), key, request, () -> {
            Licence l = service.issue(request.command("ADMIN"), user.username());
            audit.record("licence.issue", "licence", l.publicId(), Outcome.SUCCESS, Map.of("typeCode", l.typeCode(), "identifier", l.identifier()));
            return ResponseEntity.created(URI.create("/api/licenses/" + l.publicId())).body(view(l));
        });
    }

    @GetMapping("/mine")
    @Operation(summary = "My licences (the holder in my token: a person by ID number, an enterprise by credit code, also for its agents), newest first")
    Page mine(@RequestParam(required = false) Long cursor, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
              @RequestParam(required = false) Set<LicenceStatus> status, @AuthenticationPrincipal Jwt jwt) {
        String holder = holders.callerIndex(CurrentUser.from(jwt));
        if (holder == null) {
            return new Page(List.of(), null);
        }
        Set<String> statuses = (status == null || status.isEmpty()
                ? Set.of(LicenceStatus.VALID, LicenceStatus.SUSPENDED, LicenceStatus.EXPIRED, LicenceStatus.REVOKED) : status)
                .stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
        List<Licence> page = licences.byHolder(holder, statuses, cursor, limit + 1);
        List<LicenceView> items = page.stream().limit(limit).map(this::view).toList();
        return new Page(items, page.size() > limit ? Long.toString(page.get(limit - 1).id()) : null);
    }

    @GetMapping("/{licenceId}")
    @Operation(summary = "One licence, for its holder and staff in scope (404 for anyone else)")
    LicenceView one(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        return view(access.readable(licenceId, CurrentUser.from(jwt)));
    }

    @GetMapping("/{licenceId}/history")
    @Operation(summary = "Every version and every change of the licence (issued, suspended, resumed, revoked, expired, re-issued)")
    Map<String, Object> history(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        Licence l = access.readable(licenceId, CurrentUser.from(jwt));
        List<Map<String, Object>> versions = licences.versions(l.typeCode(), l.serial()).stream()
                .map(v -> Map.<String, Object>of("licenceId", v.publicId(), "identifier", v.identifier(), "version", v.version(),
                        "status", v.status().name(), "issuedAt", v.issuedAt()))
                .toList();
        return Map.of("versions", versions, "events", licences.history(l.typeCode(), l.serial()));
    }

    @GetMapping("/{licenceId}/licence.pdf")
    @Operation(summary = "A printable PDF of the licence with its QR code (holder and staff)")
    ResponseEntity<byte[]> pdf(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        Licence l = access.readable(licenceId, CurrentUser.from(jwt));
        byte[] pdf = LicencePdf.render(l, types.get(l.typeCode()), verification.verifyUrl(verification.payloadOf(l)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"licence-" + l.publicId() + ".pdf\"").body(pdf);
    }

    @GetMapping("/{licenceId}/qr-payload")
    @Operation(summary = "A freshly signed QR payload of the licence (holder and staff), to show or print")
    Map<String, String> payload(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        Licence l = access.readable(licenceId, CurrentUser.from(jwt));
        String payload = verification.payloadOf(l);
        return Map.of("payload", payload, "verifyUrl", verification.verifyUrl(payload));
    }

    @PostMapping("/{licenceId}/suspend")
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Suspend a valid licence (it verifies as SUSPENDED until resumed)")
    LicenceView suspend(@PathVariable String licenceId, @Valid @RequestBody ReasonRequest body, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        access.manageable(licenceId, user);
        Licence l = service.suspend(licenceId, body.reason(), user.username());
        audit.record("licence.suspend", "licence", licenceId, Outcome.SUCCESS, Map.of());
        return view(l);
    }

    @PostMapping("/{licenceId}/resume")
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Resume a suspended licence")
    LicenceView resume(@PathVariable String licenceId, @Valid @RequestBody ReasonRequest body, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        access.manageable(licenceId, user);
        Licence l = service.resume(licenceId, body.reason(), user.username());
        audit.record("licence.resume", "licence", licenceId, Outcome.SUCCESS, Map.of());
        return view(l);
    }

    @PostMapping("/{licenceId}/revoke")
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Revoke a licence for good, with a reason; online verification says REVOKED at once")
    LicenceView revoke(@PathVariable String licenceId, @Valid @RequestBody RevokeRequest body, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        access.manageable(licenceId, user);
        Licence l = service.revoke(licenceId, body.reason(), user.username());
        audit.record("licence.revoke", "licence", licenceId, Outcome.SUCCESS, Map.of());
        return view(l);
    }

    @PostMapping("/{licenceId}/reissue")
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "Re-issue as a new version (version and check character of the identifier change; the old version is SUPERSEDED)")
    ResponseEntity<LicenceView> reissue(@PathVariable String licenceId, @Valid @RequestBody ReissueRequest body, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        access.manageable(licenceId, user);
        Licence l = service.reissue(licenceId, body.data(), body.validUntil(), body.reason(), user.username());
        audit.record("licence.reissue", "licence", l.publicId(), Outcome.SUCCESS, Map.of("replaces", licenceId, "version", l.version()));
        return ResponseEntity.created(URI.create("/api/licenses/" + l.publicId())).body(view(l));
    }

    private LicenceView view(Licence l) {
        return LicenceView.of(l, types.find(l.typeCode()).map(LicenceType::name).orElse(null), verification.verifications(l.publicId()));
    }

    private static ProblemException invalidType() {
        return LicenceService.invalid(List.of(new FieldError(null, "typeCode", "unknown licence type")));
    }
}
