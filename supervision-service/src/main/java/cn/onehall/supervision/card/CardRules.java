package cn.onehall.supervision.card;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.onehall.starter.calendar.WorkingDayCalendar;
import cn.onehall.supervision.card.CardThresholds.Threshold;
import cn.onehall.supervision.casefile.CaseView;
import cn.onehall.supervision.config.SupervisionProperties;

/**
 * Which cards a case deserves on a given day, and the next day that answer can change without a new event (so the
 * scan looks at a case again exactly then, not every time). Working days come from the starter's calendar, the
 * same rule application-service computed the due date with.
 */
@Component
public class CardRules {

    public record Verdict(Set<CardRule> rules, LocalDate nextCheck) {
    }

    private final WorkingDayCalendar calendar;
    private final ZoneId zone;

    public CardRules(WorkingDayCalendar calendar, SupervisionProperties properties) {
        this.calendar = calendar;
        this.zone = properties.zone();
    }

    public Verdict evaluate(CaseView v, LocalDate today, Threshold threshold) {
        Set<CardRule> rules = EnumSet.noneOf(CardRule.class);
        LocalDate next = null;

        // time: from acceptance until the decision; the clock stands still while the case waits for a correction or is suspended
        if (v.acceptedAt() != null && v.decidedAt() == null && !v.ended() && v.dueDate() != null && v.promisedValue() != null) {
            boolean stopped = CaseView.CLOCK_STOPPED.contains(v.status());
            LocalDate reference = stopped && v.suspendedSince() != null && v.suspendedSince().isBefore(today) ? v.suspendedSince() : today;
            if (reference.isAfter(v.dueDate())) {
                rules.add(CardRule.TIME_OVERDUE);
            } else {
                int yellowAt = yellowRemaining(v.promisedValue(), threshold);
                if (remaining(reference, v) <= yellowAt) {
                    rules.add(CardRule.TIME_NEARLY_DUE);
                    next = stopped ? null : v.dueDate().plusDays(1);
                } else if (!stopped) {
                    next = firstDayWithin(today, v, yellowAt);
                }
            }
        }

        // process
        if (!v.ended() && v.correctionNotices() >= 2) {
            rules.add(CardRule.PROCESS_SECOND_CORRECTION);
        }
        if (!v.ended() && v.submittedAt() != null) {
            LocalDate submitted = v.submittedAt().atZone(zone).toLocalDate();
            int allowed = threshold.acceptanceWorkingDays();
            if (v.acceptedAt() != null) {
                if (calendar.workingDaysBetween(submitted, v.acceptedAt().atZone(zone).toLocalDate()) > allowed) {
                    rules.add(CardRule.PROCESS_LATE_ACCEPTANCE);
                }
            } else if ("SUBMITTED".equals(v.status()) || "PRE_REVIEW".equals(v.status())) {
                LocalDate lateFrom = calendar.addWorkingDays(submitted, allowed + 1);
                if (!today.isBefore(lateFrom)) {
                    rules.add(CardRule.PROCESS_LATE_ACCEPTANCE);
                } else {
                    next = earliest(next, lateFrom);
                }
            }
        }
        if (v.badReviewAt() != null && v.rectifiedAt() == null && v.rectificationDue() != null) {
            if (today.isAfter(v.rectificationDue())) {
                rules.add(CardRule.PROCESS_BAD_REVIEW_NOT_RECTIFIED);
            } else {
                next = earliest(next, v.rectificationDue().plusDays(1));
            }
        }

        // content
        if (v.feeCharged() != null && v.guideFee() != null && v.feeCharged().compareTo(v.guideFee()) > 0) {
            rules.add(CardRule.CONTENT_FEE_ABOVE_GUIDE);
        }
        if (v.missingRequired()) {
            rules.add(CardRule.CONTENT_MISSING_REQUIRED_MATERIAL);
        }
        return new Verdict(rules, next);
    }

    /** Yellow when at most this many days are left: 20 % of the limit (for an 80 % threshold), at least the region's days-left. */
    static int yellowRemaining(int promised, Threshold threshold) {
        int byRatio = BigDecimal.ONE.subtract(threshold.yellowUsedRatio()).multiply(BigDecimal.valueOf(promised))
                .setScale(0, RoundingMode.FLOOR).intValueExact();
        return Math.max(threshold.yellowDaysLeft(), byRatio);
    }

    private int remaining(LocalDate from, CaseView v) {
        return v.workingDayLimit() ? calendar.workingDaysBetween(from, v.dueDate()) : (int) ChronoUnit.DAYS.between(from, v.dueDate());
    }

    /** The first day after today on which at most {@code yellowAt} days are left (at the latest the due date). */
    private LocalDate firstDayWithin(LocalDate today, CaseView v, int yellowAt) {
        for (LocalDate d = today.plusDays(1); !d.isAfter(v.dueDate()); d = d.plusDays(1)) {
            if (remaining(d, v) <= yellowAt) {
                return d;
            }
        }
        return v.dueDate().plusDays(1);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
