package cn.onehall.supervision.casefile;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import cn.onehall.supervision.config.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@Validated
@Tag(name = "cases 办件监督视图", description = "Supervision's view of one case (no personal data)")
class CaseViewResource {

    record Answer(CaseView view, List<String> activeCards) {
    }

    private final CaseViewRepository views;
    private final JdbcClient jdbc;

    CaseViewResource(CaseViewRepository views, JdbcClient jdbc) {
        this.views = views;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/supervision/cases/{caseNumber}")
    @Operation(summary = "The supervision view of a case and its active card rules; 404 outside the caller's scope")
    Answer get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String caseNumber, @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        CaseView v = views.find(caseNumber)
                .filter(c -> scope.region() == null || RegionCode.contains(scope.region(), c.regionCode()))
                .filter(c -> scope.department() == null || scope.department().equals(c.departmentCode()))
                .orElseThrow(() -> ProblemException.notFound("case"));
        List<String> cards = jdbc.sql("SELECT rule FROM card WHERE case_number = ? AND active_key IS NOT NULL ORDER BY rule")
                .param(caseNumber).query(String.class).list();
        return new Answer(v, cards);
    }
}
