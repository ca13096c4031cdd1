package cn.onehall.catalog.navigation;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@Validated
@Tag(name = "navigation 情景式导航", description = "The front page of a region's hall, themes and scenario question trees leading to items")
class NavigationResource {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    private static final String CODE = "[A-Z0-9-]{1,40}";

    private final Navigation navigation;

    NavigationResource(Navigation navigation) {
        this.navigation = navigation;
    }

    @GetMapping("/api/catalog/navigation")
    @Operation(summary = "The front page: themes that have items (with counts), scenarios and bundles of the region")
    ResponseEntity<Navigation.FrontPage> front(@RequestParam @NotBlank @ValidRegionCode String region) {
        return ResponseEntity.ok().cacheControl(CACHE).body(navigation.front(region));
    }

    @GetMapping("/api/catalog/navigation/themes/{theme}")
    @Operation(summary = "The items of a theme for the region (one click from the front page)")
    ResponseEntity<Navigation.ThemePage> theme(@PathVariable @Pattern(regexp = "(NP|LP)[0-9]{2}", message = "is not a theme code") String theme,
                                               @RequestParam @NotBlank @ValidRegionCode String region) {
        return ResponseEntity.ok().cacheControl(CACHE).body(navigation.theme(theme, region));
    }

    @GetMapping("/api/catalog/navigation/scenarios/{code}")
    @Operation(summary = "A scenario's whole question tree (the portal walks it without further calls)")
    ResponseEntity<Navigation.ScenarioView> scenario(@PathVariable @Pattern(regexp = CODE, message = "is not a scenario code") String code) {
        return ResponseEntity.ok().cacheControl(CACHE).body(navigation.scenario(code));
    }

    @PutMapping("/api/catalog/admin/navigation/scenarios/{code}")
    @PreAuthorize("hasAnyRole('catalog-admin', 'platform-admin')")
    @Operation(summary = "Create or replace a scenario (catalog-admin of its region); at most two questions deep, every item published for the region")
    Navigation.ScenarioView save(@PathVariable @Pattern(regexp = CODE, message = "is not a scenario code") String code, @Valid @RequestBody Scenario scenario,
                                 @AuthenticationPrincipal Jwt jwt) {
        return navigation.save(code, scenario, CurrentUser.from(jwt));
    }
}
