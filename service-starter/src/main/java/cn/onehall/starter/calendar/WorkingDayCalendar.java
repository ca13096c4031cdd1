package cn.onehall.starter.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;

import cn.onehall.starter.problem.ProblemException;

/**
 * 工作日: the one place the working-day rule lives, so a correction is made once (DOMAIN.md).
 * A working day is Monday–Friday that is not a day off, or any make-up working day (调休上班).
 * A date in a year without a loaded calendar is an error, never a Monday–Friday guess: a guessed
 * due date would silently be wrong for every case filed against it.
 */
public class WorkingDayCalendar {

    public static final String YEAR_MISSING = "CALENDAR_YEAR_MISSING";

    /** Where loaded years come from; in the service a TTL cache over the database. */
    @FunctionalInterface
    public interface Years {
        Optional<CalendarYear> find(int year);
    }

    /** Whether a date is a working day and why: WEEKDAY, WEEKEND, DAY_OFF:名称 or MAKE_UP_WORKING_DAY:名称. */
    public record DayStatus(LocalDate date, boolean workingDay, String reason) {
    }

    private final Years years;

    public WorkingDayCalendar(Years years) {
        this.years = years;
    }

    public boolean isWorkingDay(LocalDate date) {
        return status(date).workingDay();
    }

    public DayStatus status(LocalDate date) {
        return status(date, year(date.getYear()));
    }

    /**
     * The due date of a limit of {@code n} working days: the n-th working day after {@code from}, which itself does not
     * count (so a case accepted on a Friday before a holiday is due after it). {@code n = 0} is {@code from}.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        CalendarYear year = year(from.getYear());
        LocalDate day = from;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (day.getYear() != year.year()) {
                year = year(day.getYear());
            }
            if (status(day, year).workingDay()) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Working days in ({@code from}, {@code to}]: the inverse of {@link #addWorkingDays}, used for "days used" measures.
     * Negative when {@code to} is before {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        CalendarYear year = year(from.getYear());
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getYear() != year.year()) {
                year = year(day.getYear());
            }
            if (status(day, year).workingDay()) {
                count++;
            }
        }
        return count;
    }

    /** Limits an item states in calendar days (自然日) do not consult the holiday arrangement. */
    public LocalDate addCalendarDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("calendar days must not be negative: " + n);
        }
        return from.plusDays(n);
    }

    private CalendarYear year(int year) {
        return years.find(year).orElseThrow(() -> yearMissing(year));
    }

    public static ProblemException yearMissing(int year) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, YEAR_MISSING,
                "No working-day calendar (工作日日历) is loaded for " + year + "; a platform or catalogue administrator must publish it first",
                Map.of("year", year));
    }

    private static DayStatus status(LocalDate date, CalendarYear year) {
        CalendarDay exception = year.day(date);
        if (exception != null) {
            boolean working = exception.kind() == DayKind.MAKE_UP_WORKING_DAY;
            return new DayStatus(date, working, exception.kind().name() + ":" + exception.name());
        }
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        return new DayStatus(date, !weekend, weekend ? "WEEKEND" : "WEEKDAY");
    }
}
