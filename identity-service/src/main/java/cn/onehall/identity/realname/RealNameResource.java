package cn.onehall.identity.realname;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.ValidIdNumber;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/identity")
@Validated
@Tag(name = "real-name levels 实名等级", description = "L1 self-declared, L2 verified online, L3 confirmed in person at a window")
class RealNameResource {

    record LevelAnswer(RealNames.Level level) {
    }

    private final RealNames realNames;

    RealNameResource(RealNames realNames) {
        this.realNames = realNames;
    }

    @GetMapping("/me/real-name-level")
    @Operation(summary = "The caller's real-name level (peers check an item's required level with it); accounts not registered "
            + "through OneHall are L1")
    LevelAnswer myLevel(@AuthenticationPrincipal Jwt jwt) {
        return new LevelAnswer(realNames.levelOf(CurrentUser.from(jwt)));
    }

    @PostMapping("/me/real-name-verification")
    @PreAuthorize("hasRole('applicant')")
    @Operation(summary = "Verify my name against my ID number with the configured authority: L1 → L2")
    LevelAnswer verify(@AuthenticationPrincipal Jwt jwt) {
        return new LevelAnswer(realNames.verifyOnline(CurrentUser.from(jwt)));
    }

    record Lookup(@NotBlank @ValidIdNumber String idNumber) {
        @Override
        public String toString() {
            return "Lookup[masked]";
        }
    }

    @PostMapping("/persons/lookups")
    @PreAuthorize("hasRole('officer')")
    @Operation(summary = "An officer at a window finds a registered person by ID number (in the body, never in a URL that "
            + "access logs keep); masked answer, the read is audited")
    RealNames.PersonAtWindow find(@Valid @RequestBody Lookup lookup) {
        return realNames.findForWindow(lookup.idNumber());
    }

    @PostMapping("/persons/{personId}/real-name-confirmations")
    @PreAuthorize("hasRole('officer')")
    @Operation(summary = "An officer who saw the identity document in person confirms the real name: L3 (audited)")
    LevelAnswer confirm(@PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String personId, @AuthenticationPrincipal Jwt jwt) {
        return new LevelAnswer(realNames.confirmInPerson(personId, CurrentUser.from(jwt)));
    }
}
