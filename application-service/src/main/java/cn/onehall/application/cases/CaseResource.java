package cn.onehall.application.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.application.config.ApplicationsProperties;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/applications")
@Validated
@Tag(name = "progress 办件进度", description = "A case in your scope, your cases, and the anonymous progress query")
class CaseResource {

    private static final Logger log = LoggerFactory.getLogger(CaseResource.class);

    record Page(List<CaseView> items, String nextCursor) {
    }

    private final CaseRepository cases;
    private final CaseScope scope;
    private final CaseViews views;
    private final StringRedisTemplate redis;
    private final ApplicationsProperties properties;

    CaseResource(CaseRepository cases, CaseScope scope, CaseViews views, StringRedisTemplate redis, ApplicationsProperties properties) {
        this.cases = cases;
        this.scope = scope;
        this.views = views;
        this.redis = redis;
        this.properties = properties;
    }

    @GetMapping("/cases/{caseNumber}")
    @Operation(summary = "One case with its timeline, in your data scope (holder, officers it is routed to, supervisors of its region); "
            + "ETag = version for If-Match")
    ResponseEntity<CaseView> one(@PathVariable @Pattern(regexp = "\\d{6,32}") String caseNumber, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser u = CurrentUser.from(jwt);
        ApplicationCase c = scope.readable(u, cases.findByNumber(caseNumber).orElse(null));
        return ResponseEntity.ok().eTag(c.etag()).body(views.full(c, u));
    }

    @GetMapping("/mine")
    @PreAuthorize("hasRole('applicant')")
    @Operation(summary = "My cases and drafts (我的办件), newest first; an authorised agent sees the enterprise's. Keyset pages")
    Page mine(@RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String cursor,
              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser u = CurrentUser.from(jwt);
        if (u.holderRef() == null) {
            return new Page(List.of(), null);
        }
        List<ApplicationCase> rows = cases.ofHolder(u.holderRef(), cursor == null ? null : Long.parseLong(cursor), limit + 1);
        List<CaseView> items = rows.stream().limit(limit).map(c -> views.summary(c, u)).toList();
        return new Page(items, rows.size() > limit ? Long.toString(items.getLast().id()) : null);
    }

    @GetMapping("/public/progress")
    @Operation(summary = "Anonymous progress query with the case number and query code from the receipt; no personal data; rate limited")
    PublicProgress progress(@RequestParam @Pattern(regexp = "\\d{6,32}") String caseNumber,
                            @RequestParam @Pattern(regexp = "[A-Za-z0-9]{4,16}") String queryCode, HttpServletRequest request) {
        throttle(request.getRemoteAddr());
        ApplicationCase c = cases.findByNumber(caseNumber).orElse(null);
        if (c == null || c.queryCode() == null || !MessageDigest.isEqual(c.queryCode().getBytes(StandardCharsets.US_ASCII),
                queryCode.toUpperCase().getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.notFound("Case");
        }
        List<PublicProgress.Step> steps = cases.timeline(c.id()).stream()
                .map(t -> new PublicProgress.Step(CaseViews.time(t.at()), t.action(), t.status())).toList();
        return new PublicProgress(c.caseNumber(), c.itemName(), c.departmentName(), c.status(), CaseViews.time(c.submittedAt()),
                CaseViews.time(c.acceptedAt()), c.dueDate(), CaseViews.time(c.decidedAt()), CaseViews.time(c.completedAt()), steps);
    }

    /**
     * A fixed window per caller address: guessing query codes is slow. Fails open when Redis is unreachable (the gateway's
     * limiter still applies): progress stays answerable through a cache outage.
     */
    private void throttle(String address) {
        String key = "onehall:applications:progress-rate:" + address + ":" + (System.currentTimeMillis() / 60_000);
        Long count;
        try {
            count = redis.opsForValue().increment(key);
            if (count != null && count == 1) {
                redis.expire(key, Duration.ofMinutes(2));
            }
        } catch (RuntimeException e) {
            log.warn("progress rate limit not checked, Redis: {}", e.toString());
            return;
        }
        if (count != null && count > properties.publicProgress().perMinute()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED, "Too many progress queries; try again in a minute");
        }
    }
}
