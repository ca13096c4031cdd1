package cn.onehall.supervision.measure;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.security.CurrentUser;
import cn.onehall.supervision.config.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/supervision/measures")
@Validated
@Tag(name = "measures 指标", description = "The published rates of a region subtree and month against their targets")
class MeasureResource {

    private final Measures measures;

    MeasureResource(Measures measures) {
        this.measures = measures;
    }

    @GetMapping
    @Operation(summary = "Every measure for a region subtree and month, optionally one department and one item",
            description = "Each measure gives value, numerator, denominator, target (data per region and period) and pass. "
                    + "Supervisors ask for regions inside their own subtree; officers get their own department's.")
    Measures.Answer get(@RequestParam @NotBlank @ValidRegionCode String region,
                        @RequestParam @NotBlank @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month YYYY-MM") String period,
                        @RequestParam(required = false) @ValidCreditCode String department,
                        @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String item,
                        @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        return measures.of(scope.regionFor(region), period, scope.departmentFor(department), item);
    }
}
