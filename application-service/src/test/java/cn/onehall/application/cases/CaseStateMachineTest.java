package cn.onehall.application.cases;

import static cn.onehall.application.cases.CaseStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.onehall.starter.problem.ProblemException;

/** Every edge of the case state machine, and every edge that must not exist. */
class CaseStateMachineTest {

    @Test
    void theHappyPathIsAllowedStepByStep() {
        assertThat(CaseStateMachine.allowed(DRAFT, CaseAction.SUBMIT)).isTrue();
        assertThat(CaseStateMachine.afterSubmit(true)).isEqualTo(PRE_REVIEW);
        assertThat(CaseStateMachine.afterSubmit(false)).isEqualTo(SUBMITTED);
        assertThat(CaseStateMachine.allowed(PRE_REVIEW, CaseAction.ACCEPT)).isTrue();
        assertThat(CaseStateMachine.allowed(ACCEPTED, CaseAction.DECIDE_SUBTASK)).isTrue();
        assertThat(CaseStateMachine.allowed(UNDER_REVIEW, CaseAction.DECIDE_SUBTASK)).isTrue();
        assertThat(CaseStateMachine.allowed(APPROVED, CaseAction.DELIVER)).isTrue();
        assertThat(CaseStateMachine.allowed(DENIED, CaseAction.DELIVER)).isTrue();
        assertThat(CaseStateMachine.allowed(DELIVERED, CaseAction.COMPLETE)).isTrue();
        assertThat(CaseStateMachine.allowed(COMPLETED, CaseAction.EVALUATE)).isTrue();
    }

    @Test
    void correctionAndSuspensionGoBackWhereTheCaseWas() {
        assertThat(CaseStateMachine.back(CaseAction.RESUBMIT, CORRECTION_REQUIRED, PRE_REVIEW)).isEqualTo(PRE_REVIEW);
        assertThat(CaseStateMachine.back(CaseAction.RESUME, SUSPENDED, UNDER_REVIEW)).isEqualTo(UNDER_REVIEW);
        assertThatThrownBy(() -> CaseStateMachine.back(CaseAction.RESUME, ACCEPTED, null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void parallelApprovalWaitsForAllAndOneDenialDenies() {
        assertThat(CaseStateMachine.afterSubtasks(2, 0)).isEqualTo(UNDER_REVIEW);
        assertThat(CaseStateMachine.afterSubtasks(1, 1)).isEqualTo(UNDER_REVIEW);
        assertThat(CaseStateMachine.afterSubtasks(0, 0)).isEqualTo(APPROVED);
        assertThat(CaseStateMachine.afterSubtasks(0, 1)).isEqualTo(DENIED);
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void withdrawalOnlyBeforeADecision(CaseStatus s) {
        assertThat(CaseStateMachine.allowed(s, CaseAction.WITHDRAW)).isEqualTo(s.beforeDecision());
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void acceptanceOnlyOfASubmittedOrPreReviewedCase(CaseStatus s) {
        Set<CaseStatus> ok = EnumSet.of(SUBMITTED, PRE_REVIEW);
        assertThat(CaseStateMachine.allowed(s, CaseAction.ACCEPT)).isEqualTo(ok.contains(s));
        assertThat(CaseStateMachine.allowed(s, CaseAction.REFUSE)).isEqualTo(ok.contains(s));
        assertThat(CaseStateMachine.allowed(s, CaseAction.REQUEST_CORRECTION)).isEqualTo(ok.contains(s));
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void theClockCanOnlyBeSuspendedOrExtendedWhileItRuns(CaseStatus s) {
        assertThat(CaseStateMachine.allowed(s, CaseAction.SUSPEND)).isEqualTo(s == ACCEPTED || s == UNDER_REVIEW);
        assertThat(CaseStateMachine.allowed(s, CaseAction.EXTEND)).isEqualTo(s.clockStarted());
    }

    @Test
    void anIllegalTransitionIsA409NamingTheCurrentState() {
        assertThatThrownBy(() -> CaseStateMachine.require(COMPLETED, CaseAction.WITHDRAW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(CaseStateMachine.ILLEGAL_TRANSITION);
                    assertThat(e.properties()).containsEntry("currentStatus", "COMPLETED");
                });
        for (CaseStatus terminal : EnumSet.of(REFUSED, WITHDRAWN)) {
            for (CaseAction a : CaseAction.values()) {
                assertThat(CaseStateMachine.allowed(terminal, a)).as(terminal + " " + a).isFalse();
            }
        }
        assertThat(CaseStateMachine.allowed(SUBMITTED, CaseAction.SUBMIT)).isFalse();
        assertThat(CaseStateMachine.allowed(APPROVED, CaseAction.DECIDE_SUBTASK)).isFalse();
        assertThat(CaseStateMachine.allowed(DRAFT, CaseAction.ACCEPT)).isFalse();
    }
}
