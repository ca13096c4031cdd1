package cn.onehall.catalog.department;

import java.net.URI;
import java.util.List;

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

import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

@RestController
@RequestMapping("/api/catalog/departments")
@Validated
@Tag(name = "departments 实施机构", description = "Agencies that handle service items, by unified social credit code")
class DepartmentResource {

    record Page(List<Department> items, String nextCursor) {
    }

    private final DepartmentService departments;

    DepartmentResource(DepartmentService departments) {
        this.departments = departments;
    }

    @GetMapping
    @Operation(summary = "Departments of a region and the regions below it (keyset pages)")
    Page list(@RequestParam @NotBlank @ValidRegionCode String region,
              @RequestParam(required = false) @ValidCreditCode String cursor,
              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<Department> items = departments.page(region, cursor, limit);
        return new Page(items, items.size() == limit ? items.getLast().creditCode() : null);
    }

    @GetMapping("/{creditCode}")
    @Operation(summary = "One department; its ETag is its version")
    ResponseEntity<Department> one(@PathVariable @ValidCreditCode String creditCode) {
        Department d = departments.get(creditCode);
        return ResponseEntity.ok().eTag(etag(d)).body(d);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('catalog-admin', 'platform-admin')")
    @Operation(summary = "Create a department (catalog-admin of its region subtree)")
    ResponseEntity<Department> create(@Valid @RequestBody DepartmentDraft draft, @AuthenticationPrincipal Jwt jwt) {
        Department d = departments.create(draft, CurrentUser.from(jwt));
        return ResponseEntity.created(URI.create("/api/catalog/departments/" + d.creditCode())).eTag(etag(d)).body(d);
    }

    @PutMapping("/{creditCode}")
    @PreAuthorize("hasAnyRole('catalog-admin', 'platform-admin')")
    @Operation(summary = "Change a department; If-Match with its ETag is required (optimistic locking)")
    ResponseEntity<Department> update(@PathVariable @ValidCreditCode String creditCode, @Valid @RequestBody DepartmentDraft draft,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt jwt) {
        if (ifMatch == null || !ifMatch.matches("\"\\d+\"")) {
            throw new ProblemException(org.springframework.http.HttpStatus.PRECONDITION_REQUIRED, ProblemCode.VALIDATION,
                    "Send If-Match with the ETag you read, so a concurrent change is not overwritten");
        }
        Department d = departments.update(creditCode, draft, Integer.parseInt(ifMatch.replace("\"", "")), CurrentUser.from(jwt));
        return ResponseEntity.ok().eTag(etag(d)).body(d);
    }

    private static String etag(Department d) {
        return "\"" + d.version() + "\"";
    }
}
