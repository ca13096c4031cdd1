package cn.onehall.application.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * Applies one act to a locked case: checks the version the caller read and the state machine, writes the change, adds
 * the timeline entry and the audit record, and publishes the event, all in the caller's transaction.
 */
@Component
public class CaseTransitions {

    public static final String VERSION_MISMATCH = "VERSION_MISMATCH";

    private final CaseRepository cases;
    private final CaseEvents events;
    private final AuditLog audit;
    private final Clock clock;

    public CaseTransitions(CaseRepository cases, CaseEvents events, AuditLog audit, Clock clock) {
        this.cases = cases;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** One act. {@code verb} names the event ({@code cn.onehall.case.<verb>}); null publishes none. */
    public ApplicationCase apply(Act act) {
        ApplicationCase current = act.current();
        checkVersion(current, act.expectedVersion());
        if (act.action() != null) { // null: an act that is no state change (a visit)
            CaseStateMachine.require(current.status(), act.action());
        }
        Map<String, Object> changes = new LinkedHashMap<>(act.changes());
        changes.put("status", act.target());
        if (!cases.update(current, changes)) {
            throw conflict(current);
        }
        ApplicationCase after = cases.find(current.id()).orElseThrow();
        Instant now = clock.instant();
        CurrentUser actor = CurrentUser.current().orElse(null);
        cases.timeline(after.id(), now, act.timelineAction(), after.status(), role(actor), actor == null ? null : actor.department(), act.note());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", current.status().name());
        details.put("to", after.status().name());
        if (act.reason() != null) {
            details.put("reason", act.reason().length() > 500 ? act.reason().substring(0, 500) : act.reason());
        }
        audit.record("case." + act.timelineAction(), "case", after.caseNumber() == null ? "draft-" + after.id() : after.caseNumber(),
                Outcome.SUCCESS, details);
        if (act.verb() != null) {
            events.publish(act.verb(), after, act.subtask(), act.evaluation(), act.reason());
        }
        return after;
    }

    public static void checkVersion(ApplicationCase current, Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw conflict(current);
        }
    }

    public static ProblemException conflict(ApplicationCase current) {
        return new ProblemException(HttpStatus.CONFLICT, VERSION_MISMATCH,
                "Someone else changed this case first; reload it and try again",
                Map.of("currentStatus", current.status().name()));
    }

    /** If-Match "n" → n; absent on an officer's act is a 428 problem: two officers must not overwrite each other blindly. */
    public static int requireIfMatch(String ifMatch) {
        Integer v = parseIfMatch(ifMatch);
        if (v == null) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, ProblemCode.VALIDATION,
                    "Send If-Match with the case's ETag, so two people acting at once do not overwrite each other");
        }
        return v;
    }

    public static Integer parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        if (!v.matches("\\d{1,9}")) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "If-Match must be the case's ETag, e.g. \"3\"");
        }
        return Integer.parseInt(v);
    }

    /** Column → value pairs in order; values may be null (a column cleared). */
    public static Map<String, Object> cols(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String role(CurrentUser u) {
        if (u == null) {
            return "system";
        }
        for (String r : new String[] {"dept-admin", "officer", "integration", "applicant", "platform-admin", "supervisor"}) {
            if (u.hasRole(r)) {
                return r;
            }
        }
        return null;
    }

    /**
     * @param timelineAction the act's name in the timeline and the audit log (e.g. {@code accepted})
     * @param verb           the event verb or null
     */
    public record Act(ApplicationCase current, Integer expectedVersion, CaseAction action, CaseStatus target,
                      Map<String, Object> changes, String timelineAction, String verb, String reason, String note,
                      CaseEventData.Subtask subtask, CaseEventData.Evaluation evaluation) {

        public static Act of(ApplicationCase current, Integer expectedVersion, CaseAction action, CaseStatus target, String verb) {
            return new Act(current, expectedVersion, action, target, Map.of(), verb, verb, null, null, null, null);
        }

        public Act changes(Map<String, Object> c) {
            return new Act(current, expectedVersion, action, target, c, timelineAction, verb, reason, note, subtask, evaluation);
        }

        public Act reason(String r) {
            return new Act(current, expectedVersion, action, target, changes, timelineAction, verb, r, note == null ? r : note, subtask, evaluation);
        }

        public Act note(String n) {
            return new Act(current, expectedVersion, action, target, changes, timelineAction, verb, reason, n, subtask, evaluation);
        }

        public Act subtask(CaseEventData.Subtask s) {
            return new Act(current, expectedVersion, action, target, changes, timelineAction, verb, reason, note, s, evaluation);
        }

        public Act evaluation(CaseEventData.Evaluation e) {
            return new Act(current, expectedVersion, action, target, changes, timelineAction, verb, reason, note, subtask, e);
        }
    }
}
