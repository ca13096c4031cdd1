package cn.onehall.identity.staff;

import java.net.URI;
import java.util.Set;

import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.identity.web.Idempotency;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/identity/staff")
@Validated
@PreAuthorize("hasAnyRole('platform-admin', 'dept-admin')")
@Tag(name = "staff 工作人员", description = "Officers and supervisors: platform-admin for all, dept-admin for its own department; audited")
class StaffResource {

    static final String ID = "[0-9a-f-]{36}";

    record CreateRequest(@NotBlank @Pattern(regexp = "[a-z][a-z0-9._-]{2,49}", message = "must be 3-50 lower-case letters (a letter first), digits, '.', '_' or '-'") String username,
                         @NotBlank @Size(max = 50) String name,
                         @NotEmpty @Size(max = 5) Set<@NotBlank String> roles,
                         @NotBlank @ValidCreditCode String department,
                         @NotBlank @ValidRegionCode String region,
                         @NotBlank @Size(min = 8, max = 64) String initialPassword) {
        @Override
        public String toString() {
            return "CreateRequest[" + username + "]";
        }
    }

    record RolesRequest(@NotEmpty @Size(max = 5) Set<@NotBlank String> roles) {
    }

    record EnabledRequest(@NotNull Boolean enabled) {
    }

    private final StaffAccounts staff;
    private final tools.jackson.databind.json.JsonMapper json;

    StaffResource(StaffAccounts staff, tools.jackson.databind.json.JsonMapper json) {
        this.staff = staff;
        this.json = json;
    }

    @PostMapping
    @Operation(summary = "Create a staff account in Keycloak with department, region and roles (the initial password is passed to "
            + "Keycloak only); Idempotency-Key answers a repeat with the first answer")
    ResponseEntity<String> create(@Valid @RequestBody CreateRequest r, @AuthenticationPrincipal Jwt jwt,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        StaffAccounts.Created created = staff.create(new StaffAccounts.NewStaff(r.username(), r.name().strip(), r.roles(), r.department(),
                r.region(), r.initialPassword()), CurrentUser.from(jwt), Idempotency.validKey(key));
        String id = json.readTree(created.body()).get("id").asString();
        return ResponseEntity.status(created.status()).location(URI.create("/api/identity/staff/" + id))
                .contentType(MediaType.APPLICATION_JSON).body(created.body());
    }

    @GetMapping
    @Operation(summary = "Staff of a department (a dept-admin: its own, the default), pages of `limit` with `nextCursor`")
    StaffAccounts.Page list(@RequestParam(required = false) @ValidCreditCode String department,
                            @RequestParam(required = false) @Pattern(regexp = "\\d{1,6}") String cursor,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit, @AuthenticationPrincipal Jwt jwt) {
        return staff.list(department, CurrentUser.from(jwt), cursor == null ? 0 : Integer.parseInt(cursor), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One staff account (own department only for a dept-admin)")
    StaffAccounts.Staff get(@PathVariable @Pattern(regexp = ID) String id, @AuthenticationPrincipal Jwt jwt) {
        return staff.get(id, CurrentUser.from(jwt));
    }

    @PutMapping("/{id}/roles")
    @Operation(summary = "Replace the account's staff roles")
    StaffAccounts.Staff roles(@PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody RolesRequest r, @AuthenticationPrincipal Jwt jwt) {
        return staff.changeRoles(id, r.roles(), CurrentUser.from(jwt));
    }

    @PutMapping("/{id}/enabled")
    @Operation(summary = "Disable (or enable again) a staff account; a disabled account can no longer log in")
    StaffAccounts.Staff enabled(@PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody EnabledRequest r, @AuthenticationPrincipal Jwt jwt) {
        return staff.setEnabled(id, r.enabled(), CurrentUser.from(jwt));
    }
}
