package cn.onehall.supervision.casefile;

/** The counters of {@code case_month}, in column order. */
public enum Counter {
    CASES, LICENSING_CASES, LICENSING_ONLINE, LICENSING_COMPLETED, LICENSING_ONLINE_COMPLETED, ONLINE_CASES, ONLINE_VISITS_LE1,
    ONLINE_VISITS_0, CORRECTION_NOTICES, DECIDED, DECIDED_ON_TIME, DECIDED_OVERDUE, TIMED_DECISIONS, DECISION_WORKING_DAYS,
    EVALUATIONS, SATISFIED, BAD_REVIEWS, BAD_RECTIFIED, ONLINE_DEPTH_SUM;

    public String column() {
        return name().toLowerCase();
    }
}
