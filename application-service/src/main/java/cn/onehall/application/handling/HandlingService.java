package cn.onehall.application.handling;

import static cn.onehall.application.cases.CaseTransitions.cols;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseAction;
import cn.onehall.application.cases.CaseEventData;
import cn.onehall.application.cases.CaseEvents;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseScope;
import cn.onehall.application.cases.CaseStateMachine;
import cn.onehall.application.cases.CaseStatus;
import cn.onehall.application.cases.CaseTransitions;
import cn.onehall.application.cases.CaseTransitions.Act;
import cn.onehall.application.intake.IntakeService;
import cn.onehall.application.intake.MaterialRepository;
import cn.onehall.application.peers.ItemGuide;
import cn.onehall.application.peers.Peers;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.calendar.WorkingDayCalendar;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统一受理、集中办理: pre-review with the one-time notice, acceptance (which starts the promised limit), suspensions and
 * extensions, parallel sub-tasks, delivery and completion; the applicant's resubmission and withdrawal.
 */
@Service
public class HandlingService {

    public static final String SECOND_NOTICE_NEEDS_REASON = "SECOND_NOTICE_NEEDS_REASON";

    private final CaseRepository cases;
    private final CaseScope scope;
    private final CaseTransitions transitions;
    private final CaseEvents events;
    private final MaterialRepository materials;
    private final Peers peers;
    private final WorkingDayCalendar calendar;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    HandlingService(CaseRepository cases, CaseScope scope, CaseTransitions transitions, CaseEvents events, MaterialRepository materials,
                    Peers peers, WorkingDayCalendar calendar, JdbcClient jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.cases = cases;
        this.scope = scope;
        this.transitions = transitions;
        this.events = events;
        this.materials = materials;
        this.peers = peers;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** 一次性告知: ONE notice listing every correction; a second notice needs a reason (and shows as correctionNotices = 2). */
    @Transactional
    public ApplicationCase requestCorrection(String caseNumber, int version, HandlingRequests.CorrectionNotice notice, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.REQUEST_CORRECTION);
        boolean second = c.correctionNotices() > 0;
        if (second && (notice.reason() == null || notice.reason().isBlank())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, SECOND_NOTICE_NEEDS_REASON,
                    "This case already had its one-time notice; a further notice needs a reason, and is reported as an anomaly");
        }
        for (HandlingRequests.Correction item : notice.corrections()) {
            if ((item.materialCode() == null) == (item.field() == null)) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION,
                        "Each correction names exactly one materialCode or one field");
            }
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO correction_notice (case_id, seq, items_json, reason, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))")
                .params(c.id(), c.correctionNotices() + 1, json.writeValueAsString(notice.corrections()), notice.reason(), u.username(),
                        BigDecimal.valueOf(now.toEpochMilli(), 3)).update();
        String summary = notice.corrections().size() + " correction(s)" + (second ? "; second notice: " + notice.reason() : "");
        return transitions.apply(Act.of(c, version, CaseAction.REQUEST_CORRECTION, CaseStatus.CORRECTION_REQUIRED, "correction-requested")
                .changes(cols("status_before", c.status(), "correction_notices", c.correctionNotices() + 1))
                .reason(second ? notice.reason() : null).note(summary));
    }

    /** The applicant's corrected case goes back to where it was; the materials must now be complete. */
    @Transactional
    public ApplicationCase resubmit(String caseNumber, Integer version, CurrentUser u) {
        ApplicationCase c = scope.holder(u, cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null));
        CaseStatus back = CaseStateMachine.back(CaseAction.RESUBMIT, c.status(), c.statusBefore());
        ItemGuide guide = peers.guideOf(c);
        IntakeService.checkMaterials(guide, materials.ofCase(c.id()), true);
        jdbc.sql("UPDATE correction_notice SET resolved_at = FROM_UNIXTIME(?) WHERE case_id = ? AND resolved_at IS NULL")
                .params(BigDecimal.valueOf(clock.instant().toEpochMilli(), 3), c.id()).update();
        return transitions.apply(Act.of(c, version, CaseAction.RESUBMIT, back, "resubmitted").changes(cols("status_before", null)));
    }

    /** 受理: starts the promised limit in working days and opens one sub-task per approving department. */
    @Transactional
    public ApplicationCase accept(String caseNumber, int version, BigDecimal feeCharged, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.ACCEPT);
        ItemGuide guide = peers.guideOf(c);
        LocalDate today = LocalDate.now(clock);
        LocalDate due = DueDates.due(calendar, today, c.promisedValue(), c.promisedUnit(), 0, 0);
        for (String department : guide.approvingDepartments()) {
            jdbc.sql("INSERT IGNORE INTO case_subtask (case_id, department_code) VALUES (?, ?)").params(c.id(), department).update();
            cases.route(c, department); // status and due date follow in the update of the act
        }
        return transitions.apply(Act.of(c, version, CaseAction.ACCEPT, CaseStatus.ACCEPTED, "accepted")
                .changes(cols("accepted_at", clock.instant(), "accepted_on", today, "due_date", due, "fee_charged", feeCharged,
                        "status_before", null)));
    }

    /** 不予受理, with the reason the applicant is told. */
    @Transactional
    public ApplicationCase refuse(String caseNumber, int version, String reason, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        return transitions.apply(Act.of(c, version, CaseAction.REFUSE, CaseStatus.REFUSED, "refused")
                .changes(cols("decision_reason", reason)).reason(reason));
    }

    /** 暂停计时 (hearing, expert review, inspection, correction): the clock stands still until resumed. */
    @Transactional
    public ApplicationCase suspend(String caseNumber, int version, String kind, String reason, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        LocalDate today = LocalDate.now(clock);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.SUSPEND);
        jdbc.sql("INSERT INTO case_suspension (case_id, kind, reason, started_on) VALUES (?, ?, ?, ?)").params(c.id(), kind, reason, today).update();
        return transitions.apply(Act.of(c, version, CaseAction.SUSPEND, CaseStatus.SUSPENDED, "suspended")
                .changes(cols("status_before", c.status(), "suspended_on", today, "suspension_kind", kind)).reason(kind + ": " + reason));
    }

    /** The suspension's days (in the limit's unit) are added to the clock's standstill and the due date moves by them. */
    @Transactional
    public ApplicationCase resume(String caseNumber, int version, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStatus back = CaseStateMachine.back(CaseAction.RESUME, c.status(), c.statusBefore());
        LocalDate today = LocalDate.now(clock);
        int days = DueDates.stoodStill(calendar, c.suspendedOn(), today, c.promisedUnit());
        int suspended = c.suspendedDays() + days;
        jdbc.sql("UPDATE case_suspension SET ended_on = ?, days = ? WHERE case_id = ? AND ended_on IS NULL").params(today, days, c.id()).update();
        return transitions.apply(Act.of(c, version, CaseAction.RESUME, back, "resumed")
                .changes(cols("status_before", null, "suspended_on", null, "suspension_kind", null, "suspended_days", suspended,
                        "due_date", DueDates.due(calendar, c.acceptedOn(), c.promisedValue(), c.promisedUnit(), suspended, c.extensionDays())))
                .note(days + " day(s) suspended"));
    }

    public record ExtensionView(long id, String caseNumber, int days, String reason, String status) {
    }

    /** 延期申请: asked by an officer of the lead department, effective only when a dept-admin approves. */
    @Transactional
    public ExtensionView requestExtension(String caseNumber, int version, int days, String reason, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.EXTEND);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO case_extension (case_id, days, reason, status, requested_by, requested_at) VALUES (?, ?, ?, 'PENDING', ?, FROM_UNIXTIME(?))")
                .params(c.id(), days, reason, u.username(), BigDecimal.valueOf(clock.instant().toEpochMilli(), 3)).update(keys, "id");
        cases.timeline(c.id(), clock.instant(), "extension-requested", c.status(), "officer", u.department(), days + " day(s): " + reason);
        audit.record("case.extension-requested", "case", c.caseNumber(), Outcome.SUCCESS, Map.of("days", days));
        return new ExtensionView(keys.getKey().longValue(), c.caseNumber(), days, reason, "PENDING");
    }

    /** A dept-admin of the case's department approves (the due date moves) or rejects an extension. */
    @Transactional
    public ExtensionView decideExtension(String caseNumber, long extensionId, int version, boolean approve, String reason, CurrentUser u) {
        if (!u.hasRole("dept-admin")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "Only a dept-admin approves extensions");
        }
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        record Ext(int days, String reason, String status) {
        }
        Ext ext = jdbc.sql("SELECT days, reason, status FROM case_extension WHERE id = ? AND case_id = ? FOR UPDATE").params(extensionId, c.id())
                .query((rs, n) -> new Ext(rs.getInt("days"), rs.getString("reason"), rs.getString("status"))).optional()
                .orElseThrow(() -> ProblemException.notFound("Extension"));
        if (!"PENDING".equals(ext.status())) {
            throw ProblemException.conflict("EXTENSION_DECIDED", "This extension was already " + ext.status().toLowerCase());
        }
        String outcome = approve ? "APPROVED" : "REJECTED";
        jdbc.sql("UPDATE case_extension SET status = ?, decided_by = ?, decided_at = FROM_UNIXTIME(?) WHERE id = ?")
                .params(outcome, u.username(), BigDecimal.valueOf(clock.instant().toEpochMilli(), 3), extensionId).update();
        if (approve) {
            CaseStateMachine.require(c.status(), CaseAction.EXTEND);
            int extension = c.extensionDays() + ext.days();
            LocalDate due = DueDates.due(calendar, c.acceptedOn(), c.promisedValue(), c.promisedUnit(), c.suspendedDays(), extension);
            transitions.apply(new Act(c, version, CaseAction.EXTEND, c.status(), cols("extension_days", extension, "due_date", due),
                    "extended", "extended", ext.reason(), ext.days() + " day(s) approved", null, null));
        } else {
            cases.timeline(c.id(), clock.instant(), "extension-rejected", c.status(), "dept-admin", u.department(), reason);
            audit.record("case.extension-rejected", "case", c.caseNumber(), Outcome.SUCCESS, Map.of("extension", extensionId));
        }
        return new ExtensionView(extensionId, c.caseNumber(), ext.days(), ext.reason(), outcome);
    }

    /**
     * 并联审批: a department decides its own sub-task only. When all have decided the case is approved (all approved) or
     * denied (any denied, every denial's reason kept in the decision).
     */
    @Transactional
    public ApplicationCase decideSubtask(String caseNumber, int version, String outcome, String reason, CurrentUser u) {
        ApplicationCase c = routed(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.DECIDE_SUBTASK);
        if ("DENIED".equals(outcome) && (reason == null || reason.isBlank())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "A denial needs its reason");
        }
        String current = jdbc.sql("SELECT COALESCE(outcome, 'OPEN') FROM case_subtask WHERE case_id = ? AND department_code = ? FOR UPDATE")
                .params(c.id(), u.department()).query(String.class).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "Your department has no sub-task on this case"));
        if (!"OPEN".equals(current)) {
            throw ProblemException.conflict("SUBTASK_DECIDED", "Your department already decided: " + current);
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE case_subtask SET outcome = ?, reason = ?, decided_by = ?, decided_at = FROM_UNIXTIME(?) WHERE case_id = ? AND department_code = ?")
                .params(outcome, reason, u.username(), BigDecimal.valueOf(now.toEpochMilli(), 3), c.id(), u.department()).update();
        record Sub(String department, String outcome, String reason) {
        }
        List<Sub> all = jdbc.sql("SELECT department_code, outcome, reason FROM case_subtask WHERE case_id = ? ORDER BY department_code").param(c.id())
                .query((rs, n) -> new Sub(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        int open = (int) all.stream().filter(s -> s.outcome() == null).count();
        List<Sub> denials = all.stream().filter(s -> "DENIED".equals(s.outcome())).toList();
        CaseStatus target = CaseStateMachine.afterSubtasks(open, denials.size());
        var subtask = new CaseEventData.Subtask(u.department(), outcome, reason);
        Map<String, Object> changes = cols();
        String denialReasons = denials.stream().map(s -> s.department() + ": " + s.reason()).collect(Collectors.joining("\n"));
        if (target != CaseStatus.UNDER_REVIEW) {
            ItemGuide guide = peers.guideOf(c);
            boolean missing = !IntakeService.checkMaterials(guide, materials.ofCase(c.id()), false).isEmpty()
                    && c.channel() != cn.onehall.application.cases.Channel.IMPORTED;
            changes = cols("decided_at", now, "decision_reason", denials.isEmpty() ? null : denialReasons, "missing_required", missing);
        }
        ApplicationCase after = transitions.apply(new Act(c, version, CaseAction.DECIDE_SUBTASK, target, changes, "subtask-decided",
                "subtask-decided", reason, u.department() + " " + outcome, subtask, null));
        if (target == CaseStatus.APPROVED) {
            events.publish("approved", after, null);
            cases.timeline(after.id(), now, "approved", after.status(), "system", null, null);
        } else if (target == CaseStatus.DENIED) {
            events.publish("denied", after, denialReasons);
            cases.timeline(after.id(), now, "denied", after.status(), "system", null, denialReasons);
        }
        return after;
    }

    /** 送达: ONLINE (the licence must be attached when the item issues one), POST with a tracking number, or WINDOW (a visit). */
    @Transactional
    public ApplicationCase deliver(String caseNumber, int version, String method, String trackingNumber, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        CaseTransitions.checkVersion(c, version);
        CaseStateMachine.require(c.status(), CaseAction.DELIVER);
        if ("POST".equals(method) && (trackingNumber == null || trackingNumber.isBlank())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Delivery by POST needs the tracking number");
        }
        if (c.status() == CaseStatus.APPROVED && c.issuesLicenceType() != null && c.licenceId() == null && "ONLINE".equals(method)) {
            throw ProblemException.conflict("LICENCE_NOT_ISSUED", "The electronic licence of this case is not issued yet; deliver it once it is attached");
        }
        boolean visit = "WINDOW".equals(method);
        ApplicationCase delivered = transitions.apply(Act.of(c, version, CaseAction.DELIVER, CaseStatus.DELIVERED, "delivered")
                .changes(cols("delivery_method", method, "tracking_number", "POST".equals(method) ? trackingNumber : null,
                        "visits", c.visits() + (visit ? 1 : 0)))
                .note(method + ("POST".equals(method) ? " " + trackingNumber : "")));
        if (visit) {
            events.publish("visit-recorded", delivered, "delivery at the window");
        }
        return delivered;
    }

    @Transactional
    public ApplicationCase complete(String caseNumber, int version, CurrentUser u) {
        ApplicationCase c = lead(caseNumber, u);
        return transitions.apply(Act.of(c, version, CaseAction.COMPLETE, CaseStatus.COMPLETED, "completed").changes(cols("completed_at", clock.instant())));
    }

    /** 撤回 by the applicant, before a decision. */
    @Transactional
    public ApplicationCase withdraw(String caseNumber, Integer version, String reason, CurrentUser u) {
        ApplicationCase c = scope.holder(u, cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null));
        return transitions.apply(Act.of(c, version, CaseAction.WITHDRAW, CaseStatus.WITHDRAWN, "withdrawn").reason(reason));
    }

    /** A visit of the applicant to the window (到现场), e.g. to show an original document. */
    @Transactional
    public ApplicationCase recordVisit(String caseNumber, int version, String note, CurrentUser u) {
        ApplicationCase c = routed(caseNumber, u);
        if (c.status() == CaseStatus.DRAFT) {
            throw ProblemException.notFound("Case");
        }
        return transitions.apply(new Act(c, version, null, c.status(), cols("visits", c.visits() + 1), "visit-recorded", "visit-recorded",
                null, note, null, null));
    }

    /** The case locked, if the caller is an officer of its lead department. */
    private ApplicationCase lead(String caseNumber, CurrentUser u) {
        ApplicationCase c = cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null);
        return scope.leadDepartment(u, c);
    }

    /** The case locked, if it is routed to the caller's department (lead or parallel). */
    private ApplicationCase routed(String caseNumber, CurrentUser u) {
        ApplicationCase c = cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null);
        if (c == null || u.department() == null || !(u.hasRole("officer") || u.hasRole("dept-admin")) || !cases.routedTo(c.id(), u.department())) {
            throw ProblemException.notFound("Case");
        }
        return c;
    }
}
