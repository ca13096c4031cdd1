package cn.onehall.application.cases;

/** What can happen to a case; {@link CaseStateMachine} says from which states and to which. */
public enum CaseAction {
    SUBMIT, REQUEST_CORRECTION, RESUBMIT, ACCEPT, REFUSE, SUSPEND, RESUME, DECIDE_SUBTASK, DELIVER, COMPLETE, WITHDRAW,
    EXTEND, EVALUATE, ATTACH_LICENCE
}
