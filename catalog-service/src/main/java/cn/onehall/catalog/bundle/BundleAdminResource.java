package cn.onehall.catalog.bundle;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.catalog.bundle.BundleAdministration.BundleAdminView;
import cn.onehall.catalog.bundle.BundleAdministration.Decision;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/catalog/admin/bundles")
@Validated
@PreAuthorize("hasAnyRole('catalog-admin', 'platform-admin')")
@Tag(name = "bundle administration 一件事管理", description = "Bundles are drafted, legality-reviewed by another admin and published like items")
class BundleAdminResource {

    private static final String CODE = "[A-Z0-9-]{1,40}";

    record ReviewRequest(@NotNull Decision decision, @Size(max = 1000) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String opinion) {
    }

    private final BundleAdministration bundles;

    BundleAdminResource(BundleAdministration bundles) {
        this.bundles = bundles;
    }

    @PutMapping("/{code}")
    @Operation(summary = "Create or replace a bundle's draft (a published bundle stays as it is until the draft is approved)")
    BundleAdminView save(@PathVariable @Pattern(regexp = CODE, message = "is not a bundle code") String code, @Valid @RequestBody BundleDraft draft,
                         @AuthenticationPrincipal Jwt jwt) {
        return bundles.saveDraft(code, draft, CurrentUser.from(jwt));
    }

    @GetMapping("/{code}")
    @Operation(summary = "A bundle with its pending draft (own region subtree only)")
    BundleAdminView one(@PathVariable @Pattern(regexp = CODE, message = "is not a bundle code") String code, @AuthenticationPrincipal Jwt jwt) {
        return bundles.adminView(code, CurrentUser.from(jwt));
    }

    @PostMapping("/{code}/submit")
    @Operation(summary = "Send the draft to legality review")
    BundleAdminView submit(@PathVariable @Pattern(regexp = CODE, message = "is not a bundle code") String code, @AuthenticationPrincipal Jwt jwt) {
        return bundles.submit(code, CurrentUser.from(jwt));
    }

    @PostMapping("/{code}/review")
    @Operation(summary = "Legality review by an admin who did not edit it: APPROVE merges the materials and publishes (bundle-published)")
    BundleAdminView review(@PathVariable @Pattern(regexp = CODE, message = "is not a bundle code") String code, @Valid @RequestBody ReviewRequest review,
                           @AuthenticationPrincipal Jwt jwt) {
        return bundles.review(code, review.decision(), review.opinion(), CurrentUser.from(jwt));
    }

    @PostMapping("/{code}/revoke")
    @Operation(summary = "Revoke a published bundle (bundle-revoked); it stays readable with status REVOKED")
    BundleAdminView revoke(@PathVariable @Pattern(regexp = CODE, message = "is not a bundle code") String code, @AuthenticationPrincipal Jwt jwt) {
        return bundles.revoke(code, CurrentUser.from(jwt));
    }
}
