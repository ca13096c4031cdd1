package cn.onehall.application.cases;

/** 办件状态 (DOMAIN.md "Case states"). */
public enum CaseStatus {
    DRAFT, SUBMITTED, PRE_REVIEW, CORRECTION_REQUIRED, ACCEPTED, UNDER_REVIEW, SUSPENDED,
    APPROVED, DENIED, DELIVERED, COMPLETED, REFUSED, WITHDRAWN;

    /** No decision yet: the applicant may still withdraw. */
    public boolean beforeDecision() {
        return switch (this) {
            case SUBMITTED, PRE_REVIEW, CORRECTION_REQUIRED, ACCEPTED, UNDER_REVIEW, SUSPENDED -> true;
            default -> false;
        };
    }

    /** The promised time limit runs (or stands still in a suspension) from acceptance until the decision. */
    public boolean clockStarted() {
        return this == ACCEPTED || this == UNDER_REVIEW || this == SUSPENDED;
    }
}
