package cn.onehall.application.evaluation;

import static cn.onehall.application.cases.CaseTransitions.cols;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseAction;
import cn.onehall.application.cases.CaseEventData;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseScope;
import cn.onehall.application.cases.CaseTransitions;
import cn.onehall.application.cases.CaseTransitions.Act;
import cn.onehall.application.config.ApplicationsProperties;
import cn.onehall.starter.calendar.WorkingDayCalendar;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** 好差评: once per completed case; the two lowest levels open a rectification (整改) with a deadline for the department. */
@RestController
@RequestMapping("/api/applications/cases/{caseNumber:\\d{6,32}}/evaluation")
@Validated
@Tag(name = "evaluation 好差评", description = "The applicant's evaluation of a completed case")
class EvaluationResource {

    record Evaluation(@NotNull @Pattern(regexp = "VERY_SATISFIED|SATISFIED|BASICALLY_SATISFIED|DISSATISFIED|VERY_DISSATISFIED") String level,
                      @Size(max = 500) String comment) {
    }

    record Evaluated(String caseNumber, String level, String comment, LocalDate rectificationDue) {
    }

    private final CaseRepository cases;
    private final CaseScope scope;
    private final CaseTransitions transitions;
    private final WorkingDayCalendar calendar;
    private final JdbcClient jdbc;
    private final ApplicationsProperties properties;
    private final Clock clock;

    EvaluationResource(CaseRepository cases, CaseScope scope, CaseTransitions transitions, WorkingDayCalendar calendar, JdbcClient jdbc,
                       ApplicationsProperties properties, Clock clock) {
        this.cases = cases;
        this.scope = scope;
        this.transitions = transitions;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('applicant')")
    @Transactional
    @Operation(summary = "Evaluate a completed case once: five levels and a comment; DISSATISFIED and VERY_DISSATISFIED open a rectification")
    ResponseEntity<Evaluated> evaluate(@PathVariable String caseNumber, @Valid @RequestBody Evaluation body, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser u = CurrentUser.from(jwt);
        ApplicationCase c = scope.holder(u, cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null));
        if (jdbc.sql("SELECT COUNT(*) FROM case_evaluation WHERE case_id = ?").param(c.id()).query(Integer.class).single() > 0) {
            throw ProblemException.conflict("ALREADY_EVALUATED", "This case has been evaluated; each case is evaluated once");
        }
        boolean bad = body.level().endsWith("DISSATISFIED");
        LocalDate today = LocalDate.now(clock);
        LocalDate due = bad ? calendar.addWorkingDays(today, properties.rectificationWorkingDays()) : null;
        ApplicationCase after = transitions.apply(new Act(c, null, CaseAction.EVALUATE, c.status(), cols(), "evaluated", "evaluated", null,
                body.level(), null, new CaseEventData.Evaluation(body.level(), due)));
        jdbc.sql("INSERT INTO case_evaluation (case_id, level, comment, rectification_due, evaluated_at) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))")
                .params(after.id(), body.level(), body.comment(), due, BigDecimal.valueOf(clock.instant().toEpochMilli(), 3)).update();
        return ResponseEntity.status(HttpStatus.CREATED).body(new Evaluated(after.caseNumber(), body.level(), body.comment(), due));
    }
}
