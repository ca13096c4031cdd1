package cn.onehall.application.handling;

import java.time.LocalDate;

import cn.onehall.starter.calendar.WorkingDayCalendar;

/**
 * 承诺时限: counted from the acceptance day (which does not count) in the item's unit, plus the days the clock stood
 * still (suspensions) and approved extensions. One rule, used wherever a due date is (re)computed.
 */
public final class DueDates {

    private DueDates() {
    }

    public static LocalDate due(WorkingDayCalendar calendar, LocalDate acceptedOn, Integer limit, String unit, int suspendedDays, int extensionDays) {
        if (acceptedOn == null || limit == null) {
            return null;
        }
        int total = limit + suspendedDays + extensionDays;
        return "CALENDAR_DAYS".equals(unit) ? calendar.addCalendarDays(acceptedOn, total) : calendar.addWorkingDays(acceptedOn, total);
    }

    /** Days a suspension lasted, in the limit's unit: working days in (from, to], or calendar days. */
    public static int stoodStill(WorkingDayCalendar calendar, LocalDate from, LocalDate to, String unit) {
        if ("CALENDAR_DAYS".equals(unit)) {
            return (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(from, to));
        }
        return Math.max(0, calendar.workingDaysBetween(from, to));
    }
}
