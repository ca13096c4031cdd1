package cn.onehall.application.intake;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseView;
import cn.onehall.application.cases.CaseViews;
import cn.onehall.application.intake.MaterialRepository.CaseMaterial;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/applications/drafts")
@PreAuthorize("hasRole('applicant')")
@Validated
@Tag(name = "apply 统一申请", description = "Drafts, materials (uploads or your own electronic licences) and submission")
class DraftResource {

    record LicenceChoice(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String licenceId) {
    }

    private final IntakeService intake;
    private final CaseViews views;

    DraftResource(IntakeService intake, CaseViews views) {
        this.intake = intake;
        this.views = views;
    }

    @PostMapping
    @Operation(summary = "Start an application (申请) for an item: checks the item is published, serves your holder type and your real-name level; "
            + "an Idempotency-Key makes a retry return the same draft")
    ResponseEntity<CaseView> create(@Valid @RequestBody DraftRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key, @AuthenticationPrincipal Jwt jwt) {
        ApplicationCase c = intake.createDraft(request, key, CurrentUser.from(jwt));
        return ResponseEntity.created(URI.create("/api/applications/drafts/" + c.id())).eTag(c.etag()).body(views.full(c, CurrentUser.from(jwt)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Your draft with its materials")
    ResponseEntity<CaseView> one(@PathVariable long id, @AuthenticationPrincipal Jwt jwt) {
        ApplicationCase c = intake.draft(id, CurrentUser.from(jwt));
        return ResponseEntity.ok().eTag(c.etag()).body(views.full(c, CurrentUser.from(jwt)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change the form of a draft (or of a case waiting for your correction)")
    ResponseEntity<CaseView> update(@PathVariable long id, @Valid @RequestBody DraftRequest request, @AuthenticationPrincipal Jwt jwt) {
        ApplicationCase c = intake.updateDraft(id, request, CurrentUser.from(jwt));
        return ResponseEntity.ok().eTag(c.etag()).body(views.full(c, CurrentUser.from(jwt)));
    }

    @GetMapping("/{id}/licence-matches")
    @Operation(summary = "Once-only (只交一次): the materials your own electronic licences already satisfy; you need not upload these")
    List<IntakeService.LicenceMatch> licenceMatches(@PathVariable long id, @AuthenticationPrincipal Jwt jwt) {
        return intake.licenceMatches(id, CurrentUser.from(jwt));
    }

    @PostMapping(path = "/{id}/materials/{materialCode}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a material (multipart field 'file'); the guide's size and type limits apply, the SHA-256 is recorded")
    ResponseEntity<CaseMaterial> upload(@PathVariable long id, @PathVariable @Size(max = 64) String materialCode,
                                        @RequestPart("file") MultipartFile file, @AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.status(HttpStatus.CREATED).body(intake.upload(id, materialCode, file, CurrentUser.from(jwt)));
    }

    @PostMapping("/{id}/materials/{materialCode}/licence")
    @Operation(summary = "Use one of your own electronic licences as the material (用证)")
    ResponseEntity<CaseMaterial> licence(@PathVariable long id, @PathVariable @Size(max = 64) String materialCode,
                                         @Valid @RequestBody LicenceChoice choice, @AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.status(HttpStatus.CREATED).body(intake.attachLicence(id, materialCode, choice.licenceId(), CurrentUser.from(jwt)));
    }

    @DeleteMapping("/{id}/materials/{materialId}")
    @Operation(summary = "Remove a material from a draft")
    ResponseEntity<Void> remove(@PathVariable long id, @PathVariable long materialId, @AuthenticationPrincipal Jwt jwt) {
        intake.removeMaterial(id, materialId, CurrentUser.from(jwt));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/submission")
    @Operation(summary = "Submit (提交): pins the item version, issues the case number (办件编号), query code (查询码) and receipt. "
            + "Idempotency-Key required; the same key again returns the same receipt")
    ResponseEntity<IntakeService.Receipt> submit(@PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                 @AuthenticationPrincipal Jwt jwt) {
        IntakeService.Submitted s = intake.submit(id, key, CurrentUser.from(jwt));
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/applications/cases/" + s.receipt().caseNumber()))
                .header("Idempotent-Replayed", Boolean.toString(!s.created()))
                .body(s.receipt());
    }

}
