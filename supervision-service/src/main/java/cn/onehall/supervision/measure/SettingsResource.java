package cn.onehall.supervision.measure;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import cn.onehall.supervision.config.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Targets, external denominators and card thresholds are data per region (and period): supervisors maintain them for
 * their region subtree, platform admins everywhere; every change is audited.
 */
@RestController
@RequestMapping("/api/supervision/settings")
@Validated
@Tag(name = "settings 指标任务值与口径", description = "Targets per region and period, external denominators, card thresholds")
class SettingsResource {

    static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";
    static final String MEASURES = "FULL_ONLINE_RATE|ONLINE_APPLICATION_RATE|ONLINE_COMPLETION_RATE|AT_MOST_ONE_VISIT_RATE|ZERO_VISIT_RATE"
            + "|AT_MOST_ONE_VISIT_CASE_RATE|ZERO_VISIT_CASE_RATE|ENTERPRISE_PAGE_USE_RATE|PERSONAL_PAGE_USE_RATE|LICENCE_ELECTRONIC_RATE"
            + "|ON_TIME_RATE|OVERDUE_COUNT|AVG_DECISION_WORKING_DAYS|SATISFACTION_RATE|BAD_REVIEWS_RECTIFIED|CORRECTIONS_PER_CASE|CASES";

    record TargetDraft(@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal target,
                       @NotNull @Pattern(regexp = "GE|LE") String comparison,
                       @Size(max = 200) String source) {
    }

    record DenominatorDraft(@PositiveOrZero Long enterprises, @PositiveOrZero Long persons, @Size(max = 200) String source) {
    }

    record ThresholdDraft(@NotNull @DecimalMin("0.1") @DecimalMax("1.0") BigDecimal yellowUsedRatio,
                          @Min(0) @Max(30) int yellowDaysLeft, @Min(1) @Max(60) int acceptanceWorkingDays) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    SettingsResource(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping("/targets")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin')")
    @Operation(summary = "Target rows of a region (each valid from its month until the next row of the same measure)")
    List<Map<String, Object>> targets(@RequestParam @ValidRegionCode String region, @AuthenticationPrincipal Jwt jwt) {
        Scope.of(CurrentUser.from(jwt)).regionFor(region);
        return jdbc.sql("SELECT measure, valid_from, target, comparison, source FROM measure_target WHERE region_code = ? ORDER BY measure, valid_from")
                .param(region).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("measure", rs.getString(1));
                    row.put("validFrom", rs.getString(2));
                    row.put("target", rs.getBigDecimal(3));
                    row.put("comparison", rs.getString(4));
                    row.put("source", rs.getString(5));
                    return row;
                }).list();
    }

    @PutMapping("/targets/{region}/{measure}/{validFrom}")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin')")
    @Transactional
    @Operation(summary = "Set a measure's target for a region from a month on")
    Map<String, Object> putTarget(@PathVariable @ValidRegionCode String region,
                                  @PathVariable @Pattern(regexp = MEASURES, message = "is not a known measure") String measure,
                                  @PathVariable @Pattern(regexp = MONTH, message = "must be a month YYYY-MM") String validFrom,
                                  @Valid @RequestBody TargetDraft draft, @AuthenticationPrincipal Jwt jwt) {
        Scope.of(CurrentUser.from(jwt)).regionFor(region);
        jdbc.sql("""
                INSERT INTO measure_target (region_code, measure, valid_from, target, comparison, source) VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE target = VALUES(target), comparison = VALUES(comparison), source = VALUES(source)""")
                .params(region, measure, validFrom, draft.target(), draft.comparison(), draft.source()).update();
        audit.record("supervision.target.set", "measure_target", region + "/" + measure + "/" + validFrom, Outcome.SUCCESS,
                Map.of("target", draft.target(), "comparison", draft.comparison()));
        return Map.of("region", region, "measure", measure, "validFrom", validFrom, "target", draft.target(), "comparison", draft.comparison());
    }

    @PutMapping("/denominators/{region}/{validFrom}")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin')")
    @Transactional
    @Operation(summary = "Enterprises (省工商局, without individual businesses) and persons of a region from a month on")
    Map<String, Object> putDenominator(@PathVariable @ValidRegionCode String region,
                                       @PathVariable @Pattern(regexp = MONTH, message = "must be a month YYYY-MM") String validFrom,
                                       @Valid @RequestBody DenominatorDraft draft, @AuthenticationPrincipal Jwt jwt) {
        Scope.of(CurrentUser.from(jwt)).regionFor(region);
        if (draft.enterprises() == null && draft.persons() == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Give enterprises, persons or both");
        }
        jdbc.sql("""
                INSERT INTO region_denominator (region_code, valid_from, enterprises, persons, source) VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE enterprises = VALUES(enterprises), persons = VALUES(persons), source = VALUES(source)""")
                .params(region, validFrom, draft.enterprises(), draft.persons(), draft.source()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enterprises", draft.enterprises());
        details.put("persons", draft.persons());
        audit.record("supervision.denominator.set", "region_denominator", region + "/" + validFrom, Outcome.SUCCESS, details);
        return details;
    }

    @PutMapping("/thresholds/{region}")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin')")
    @Transactional
    @Operation(summary = "Card thresholds of a region: yellow at this share of the promised days used or this many days left; acceptance allowed days")
    ThresholdDraft putThreshold(@PathVariable @ValidRegionCode String region, @Valid @RequestBody ThresholdDraft draft,
                                @AuthenticationPrincipal Jwt jwt) {
        Scope.of(CurrentUser.from(jwt)).regionFor(region);
        jdbc.sql("""
                INSERT INTO card_threshold (region_code, yellow_used_ratio, yellow_days_left, acceptance_working_days) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE yellow_used_ratio = VALUES(yellow_used_ratio), yellow_days_left = VALUES(yellow_days_left),
                  acceptance_working_days = VALUES(acceptance_working_days)""")
                .params(region, draft.yellowUsedRatio(), draft.yellowDaysLeft(), draft.acceptanceWorkingDays()).update();
        audit.record("supervision.threshold.set", "card_threshold", region, Outcome.SUCCESS,
                Map.of("yellowUsedRatio", draft.yellowUsedRatio(), "yellowDaysLeft", draft.yellowDaysLeft(),
                        "acceptanceWorkingDays", draft.acceptanceWorkingDays()));
        return draft;
    }
}
