package cn.onehall.supervision.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import cn.onehall.starter.calendar.WorkingDayCalendar;

/**
 * What one case adds to the monthly counters, by month. The consumer applies the difference between a case's
 * contribution before and after an event, so the counters always equal the sum over the current case views and an
 * event that changes nothing the measures see writes nothing.
 *
 * <p>Months: volume measures (cases, online, visits, corrections, online completion) count in the month the case was
 * submitted; on-time and acceptance-to-decision days in the month of the decision; satisfaction in the month of the
 * latest evaluation; a bad review and its rectification in the month of the bad review.
 */
public final class Contributions {

    private Contributions() {
    }

    public static Map<String, long[]> of(CaseView v, WorkingDayCalendar calendar, ZoneId zone) {
        Map<String, long[]> byMonth = new TreeMap<>();
        if (v == null) {
            return byMonth;
        }
        if (v.submittedAt() != null) {
            long[] c = month(byMonth, v.submittedAt(), zone);
            c[Counter.CASES.ordinal()]++;
            c[Counter.ONLINE_DEPTH_SUM.ordinal()] += v.onlineDepth() == null ? 0 : v.onlineDepth();
            c[Counter.CORRECTION_NOTICES.ordinal()] += v.correctionNotices();
            if (v.online()) {
                c[Counter.ONLINE_CASES.ordinal()]++;
                c[Counter.ONLINE_VISITS_LE1.ordinal()] += v.visits() <= 1 ? 1 : 0;
                c[Counter.ONLINE_VISITS_0.ordinal()] += v.visits() == 0 ? 1 : 0;
            }
            if (v.licensing()) {
                c[Counter.LICENSING_CASES.ordinal()]++;
                c[Counter.LICENSING_ONLINE.ordinal()] += v.online() ? 1 : 0;
                if (v.completedAt() != null) {
                    c[Counter.LICENSING_COMPLETED.ordinal()]++;
                    // 网上全流程办理并办结: applied online, never came in person, completed
                    c[Counter.LICENSING_ONLINE_COMPLETED.ordinal()] += v.online() && v.visits() == 0 ? 1 : 0;
                }
            }
        }
        if (v.decidedAt() != null) {
            long[] c = month(byMonth, v.decidedAt(), zone);
            c[Counter.DECIDED.ordinal()]++;
            LocalDate decided = date(v.decidedAt(), zone);
            if (v.dueDate() != null) {
                c[(decided.isAfter(v.dueDate()) ? Counter.DECIDED_OVERDUE : Counter.DECIDED_ON_TIME).ordinal()]++;
            }
            if (v.acceptedAt() != null) {
                LocalDate accepted = date(v.acceptedAt(), zone);
                long days = v.workingDayLimit() ? calendar.workingDaysBetween(accepted, decided) : ChronoUnit.DAYS.between(accepted, decided);
                c[Counter.TIMED_DECISIONS.ordinal()]++;
                c[Counter.DECISION_WORKING_DAYS.ordinal()] += Math.max(0, days - v.suspendedDays());
            }
        }
        if (v.evaluatedMs() != null && v.evaluationLevel() != null) {
            long[] c = month(byMonth, Instant.ofEpochMilli(v.evaluatedMs()), zone);
            c[Counter.EVALUATIONS.ordinal()]++;
            c[Counter.SATISFIED.ordinal()] += CaseView.SATISFIED_LEVELS.contains(v.evaluationLevel()) ? 1 : 0;
        }
        if (v.badReviewAt() != null) {
            long[] c = month(byMonth, v.badReviewAt(), zone);
            c[Counter.BAD_REVIEWS.ordinal()]++;
            c[Counter.BAD_RECTIFIED.ordinal()] += v.rectifiedAt() != null ? 1 : 0;
        }
        return byMonth;
    }

    /** after − before, months whose difference is all zeros left out. */
    public static Map<String, long[]> delta(Map<String, long[]> before, Map<String, long[]> after) {
        Map<String, long[]> delta = new TreeMap<>();
        after.forEach((m, c) -> delta.put(m, c.clone()));
        before.forEach((m, c) -> {
            long[] d = delta.computeIfAbsent(m, k -> new long[Counter.values().length]);
            for (int i = 0; i < c.length; i++) {
                d[i] -= c[i];
            }
        });
        delta.values().removeIf(d -> java.util.Arrays.stream(d).allMatch(x -> x == 0));
        return delta;
    }

    public static String month(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone)).toString();
    }

    public static LocalDate date(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    private static long[] month(Map<String, long[]> byMonth, Instant at, ZoneId zone) {
        return byMonth.computeIfAbsent(month(at, zone), m -> new long[Counter.values().length]);
    }
}
