package cn.onehall.supervision.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
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
@Validated
@Tag(name = "ratings and reports 星级评定与月度通报", description = "Star ratings per department, the monthly report, the public disclosure")
class ReportResource {

    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";

    private final Ratings ratings;
    private final Reports reports;

    ReportResource(Ratings ratings, Reports reports) {
        this.ratings = ratings;
        this.reports = reports;
    }

    record RatingsAnswer(String region, String period, List<Ratings.Rating> departments) {
    }

    @GetMapping("/api/supervision/ratings")
    @Operation(summary = "1–5 stars per department of a region subtree for a month, each with its breakdown",
            description = "score = (0.4 onTime + 0.3 satisfaction + 0.2 onlineDepth/5 + 0.1 guideCompleteness) over the weights with data; "
                    + "5 stars ≥ 0.90, 4 ≥ 0.80, 3 ≥ 0.70, 2 ≥ 0.60, else 1 (see the service README).")
    RatingsAnswer ratings(@RequestParam @NotBlank @ValidRegionCode String region,
                          @RequestParam @NotBlank @Pattern(regexp = MONTH, message = "must be a month YYYY-MM") String period,
                          @RequestParam(required = false) @ValidCreditCode String department, @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        return new RatingsAnswer(region, period, ratings.of(scope.regionFor(region), period, scope.departmentFor(department)));
    }

    @GetMapping(value = "/api/supervision/reports/monthly", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "月度通报: measures, star ratings and card counts of a region subtree for a month, as JSON or CSV (format=csv or Accept: text/csv)")
    ResponseEntity<?> monthly(@RequestParam @NotBlank @ValidRegionCode String region,
                              @RequestParam @NotBlank @Pattern(regexp = MONTH, message = "must be a month YYYY-MM") String period,
                              @RequestParam(required = false) @ValidCreditCode String department,
                              @RequestParam(required = false) @Pattern(regexp = "json|csv") String format,
                              @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                              @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        Reports.MonthlyReport report = reports.monthly(scope.regionFor(region), period, scope.departmentFor(department));
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + region + "-" + period + ".csv\"")
                    .body(Reports.csv(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @GetMapping("/api/supervision/public/disclosure")
    @Operation(summary = "每月向社会公开: the region's measures against targets, department stars and card counts; public, no personal data",
            description = "period defaults to the last complete month.")
    ResponseEntity<Reports.Disclosure> disclosure(@RequestParam @NotBlank @ValidRegionCode String region,
                                                  @RequestParam(required = false) @Pattern(regexp = MONTH, message = "must be a month YYYY-MM") String period) {
        String month = period == null ? reports.lastCompleteMonth() : period;
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(reports.disclosure(region, month));
    }
}
