package cn.onehall.application.cases;

import static cn.onehall.application.cases.CaseStatus.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import cn.onehall.starter.problem.ProblemException;

/**
 * The one place that says which act is allowed in which state, and where it leads. Pure: no database, no clock, so every
 * edge is unit-tested. An illegal act is a 409 problem {@code ILLEGAL_TRANSITION} naming the current state.
 */
public final class CaseStateMachine {

    public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

    private static final Map<CaseAction, Set<CaseStatus>> FROM = Map.ofEntries(
            Map.entry(CaseAction.SUBMIT, EnumSet.of(DRAFT)),
            Map.entry(CaseAction.REQUEST_CORRECTION, EnumSet.of(SUBMITTED, PRE_REVIEW)),
            Map.entry(CaseAction.RESUBMIT, EnumSet.of(CORRECTION_REQUIRED)),
            Map.entry(CaseAction.ACCEPT, EnumSet.of(SUBMITTED, PRE_REVIEW)),
            Map.entry(CaseAction.REFUSE, EnumSet.of(SUBMITTED, PRE_REVIEW)),
            Map.entry(CaseAction.SUSPEND, EnumSet.of(ACCEPTED, UNDER_REVIEW)),
            Map.entry(CaseAction.RESUME, EnumSet.of(SUSPENDED)),
            Map.entry(CaseAction.DECIDE_SUBTASK, EnumSet.of(ACCEPTED, UNDER_REVIEW)),
            Map.entry(CaseAction.DELIVER, EnumSet.of(APPROVED, DENIED)),
            Map.entry(CaseAction.COMPLETE, EnumSet.of(DELIVERED)),
            Map.entry(CaseAction.WITHDRAW, EnumSet.of(SUBMITTED, PRE_REVIEW, CORRECTION_REQUIRED, ACCEPTED, UNDER_REVIEW, SUSPENDED)),
            Map.entry(CaseAction.EXTEND, EnumSet.of(ACCEPTED, UNDER_REVIEW, SUSPENDED)),
            Map.entry(CaseAction.EVALUATE, EnumSet.of(COMPLETED)),
            Map.entry(CaseAction.ATTACH_LICENCE, EnumSet.of(APPROVED, DELIVERED, COMPLETED)));

    private CaseStateMachine() {
    }

    public static boolean allowed(CaseStatus current, CaseAction action) {
        return FROM.get(action).contains(current);
    }

    /** @throws ProblemException 409 when the act is not allowed in the current state */
    public static void require(CaseStatus current, CaseAction action) {
        if (!allowed(current, action)) {
            throw new ProblemException(HttpStatus.CONFLICT, ILLEGAL_TRANSITION,
                    "A case in state " + current + " cannot " + action.name().toLowerCase().replace('_', ' '),
                    Map.of("currentStatus", current.name(), "action", action.name()));
        }
    }

    /** Where a submission lands: items with online pre-review (网上预审) are pre-reviewed first, others wait for acceptance. */
    public static CaseStatus afterSubmit(boolean preReview) {
        return preReview ? PRE_REVIEW : SUBMITTED;
    }

    /** Resubmission after a correction and resumption after a suspension go back to where the case was. */
    public static CaseStatus back(CaseAction action, CaseStatus current, CaseStatus before) {
        require(current, action);
        if (before == null) {
            throw new IllegalStateException("case in " + current + " without the state it left");
        }
        return before;
    }

    /**
     * After a department decided its sub-task: still under review while any is open; once all have decided, approved when
     * all approved, denied when any denied (with every denial's reason kept).
     */
    public static CaseStatus afterSubtasks(int open, int denied) {
        if (open > 0) {
            return UNDER_REVIEW;
        }
        return denied > 0 ? DENIED : APPROVED;
    }

    public static CaseStatus target(CaseAction action) {
        return switch (action) {
            case REQUEST_CORRECTION -> CORRECTION_REQUIRED;
            case ACCEPT -> ACCEPTED;
            case REFUSE -> REFUSED;
            case SUSPEND -> SUSPENDED;
            case DELIVER -> DELIVERED;
            case COMPLETE -> COMPLETED;
            case WITHDRAW -> WITHDRAWN;
            default -> throw new IllegalArgumentException(action + " has no fixed target state");
        };
    }
}
