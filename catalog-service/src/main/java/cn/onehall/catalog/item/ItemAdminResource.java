package cn.onehall.catalog.item;

import java.net.URI;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.catalog.item.ItemAdministration.Decision;
import cn.onehall.catalog.item.ItemAdministration.ItemView;
import cn.onehall.catalog.item.ItemAdministration.VersionView;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Catalogue administration (事项管理): catalog-admin of the item's region subtree, or platform-admin. Never public. */
@RestController
@RequestMapping("/api/catalog/admin")
@Validated
@PreAuthorize("hasAnyRole('catalog-admin', 'platform-admin')")
@Tag(name = "item administration 事项管理", description = "Drafts, legality review (合法性审查), publication and revocation of items")
class ItemAdminResource {

    record ReviewRequest(@NotNull Decision decision,
                         @Size(max = 1000) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String opinion) {
    }

    record RevokeRequest(@NotBlank @Size(max = 500) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String reason) {
    }

    private final ItemAdministration administration;
    private final BulkImport bulkImport;

    ItemAdminResource(ItemAdministration administration, BulkImport bulkImport) {
        this.administration = administration;
        this.bulkImport = bulkImport;
    }

    @PostMapping("/basic-items")
    @Operation(summary = "Create a basic item (基本目录事项)")
    ResponseEntity<BasicItem> createBasic(@Valid @RequestBody BasicItem basic, @AuthenticationPrincipal Jwt jwt) {
        BasicItem created = administration.createBasic(basic, CurrentUser.from(jwt));
        return ResponseEntity.created(URI.create("/api/catalog/admin/basic-items/" + created.code())).body(created);
    }

    @GetMapping("/basic-items/{code}")
    @Operation(summary = "One basic item")
    BasicItem basic(@PathVariable @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits") String code) {
        return administration.basic(code);
    }

    @PostMapping("/items")
    @Operation(summary = "Create an implementation item with its first draft; the code is built from basic code, region and department."
            + " Idempotency-Key: a repeat answers the first result")
    ResponseEntity<ItemView> create(@Valid @RequestBody ItemCreation creation,
                                    @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits or ._:-") String idempotencyKey,
                                    @AuthenticationPrincipal Jwt jwt) {
        ItemView item = administration.create(creation, idempotencyKey, CurrentUser.from(jwt));
        return ResponseEntity.created(URI.create("/api/catalog/admin/items/" + item.code())).body(item);
    }

    record ImportRequest(List<ItemCreation> items) {
    }

    record ImportResult(List<String> imported) {
    }

    @PostMapping("/items/import")
    @Operation(summary = "Bulk import of items as drafts: every row is validated first; one bad row and nothing is imported, with the errors of every row")
    ResponseEntity<ImportResult> importItems(@RequestBody ImportRequest request, @AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new ImportResult(bulkImport.importAll(request.items(), CurrentUser.from(jwt))));
    }

    @GetMapping("/items/{code}")
    @Operation(summary = "An item with all its versions, drafts included (own region subtree only)")
    ItemView item(@PathVariable String code, @AuthenticationPrincipal Jwt jwt) {
        return administration.view(code, CurrentUser.from(jwt));
    }

    @GetMapping("/items/{code}/versions/{version}")
    @Operation(summary = "One version, drafts included; its ETag is the draft's revision")
    ResponseEntity<VersionView> version(@PathVariable String code, @PathVariable @Min(1) int version, @AuthenticationPrincipal Jwt jwt) {
        VersionView v = administration.version(code, version, CurrentUser.from(jwt));
        return ResponseEntity.ok().eTag("\"" + v.revision() + "\"").body(v);
    }

    @PostMapping("/items/{code}/versions")
    @Operation(summary = "Start a new version (a change of a published guide), with its own validFrom")
    ResponseEntity<VersionView> newVersion(@PathVariable String code, @Valid @RequestBody GuideContent guide, @AuthenticationPrincipal Jwt jwt) {
        VersionView v = administration.newVersion(code, guide, CurrentUser.from(jwt));
        return ResponseEntity.created(URI.create("/api/catalog/admin/items/" + code + "/versions/" + v.version()))
                .eTag("\"" + v.revision() + "\"").body(v);
    }

    @PutMapping("/items/{code}/versions/{version}")
    @Operation(summary = "Change a draft; If-Match with its ETag is required. A published version never changes (409)")
    ResponseEntity<VersionView> updateDraft(@PathVariable String code, @PathVariable @Min(1) int version, @Valid @RequestBody GuideContent guide,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt jwt) {
        if (ifMatch == null || !ifMatch.matches("\"\\d{1,9}\"")) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, ProblemCode.VALIDATION,
                    "Send If-Match with the ETag you read, so a concurrent change is not overwritten");
        }
        VersionView v = administration.updateDraft(code, version, Integer.parseInt(ifMatch.replace("\"", "")), guide, CurrentUser.from(jwt));
        return ResponseEntity.ok().eTag("\"" + v.revision() + "\"").body(v);
    }

    @PostMapping("/items/{code}/versions/{version}/submit")
    @Operation(summary = "Send a draft to legality review (合法性审查)")
    VersionView submit(@PathVariable String code, @PathVariable @Min(1) int version, @AuthenticationPrincipal Jwt jwt) {
        return administration.submit(code, version, CurrentUser.from(jwt));
    }

    @PostMapping("/items/{code}/versions/{version}/review")
    @Operation(summary = "Legality review by an administrator other than the editors: APPROVE publishes (item-published event), REJECT sends back")
    VersionView review(@PathVariable String code, @PathVariable @Min(1) int version, @Valid @RequestBody ReviewRequest review,
                       @AuthenticationPrincipal Jwt jwt) {
        return administration.review(code, version, review.decision(), review.opinion(), CurrentUser.from(jwt));
    }

    @PostMapping("/items/{code}/revoke")
    @Operation(summary = "Revoke an item (item-revoked event): gone from lists, search and new applications; its versions stay readable")
    ItemView revoke(@PathVariable String code, @Valid @RequestBody RevokeRequest request, @AuthenticationPrincipal Jwt jwt) {
        return administration.revoke(code, request.reason(), CurrentUser.from(jwt));
    }
}
