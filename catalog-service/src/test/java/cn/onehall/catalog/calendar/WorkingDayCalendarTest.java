package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.WorkingDayCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import cn.onehall.starter.problem.ProblemException;

/** The working-day rule over the State Council's 2026 arrangement (calendar-2026.json). */
class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = Calendar2026.calendar();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void nationalDayPushesADueDateBehindTheHoliday() {
        // Wednesday 09-30 + 1: 10-01..10-07 are 国庆节, so the first working day after is Thursday 10-08.
        assertThat(calendar.addWorkingDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
        assertThat(calendar.workingDaysBetween(d("2026-09-30"), d("2026-10-08"))).isEqualTo(1);
        for (LocalDate day = d("2026-10-01"); day.isBefore(d("2026-10-08")); day = day.plusDays(1)) {
            assertThat(calendar.status(day).reason()).isEqualTo("DAY_OFF:国庆节");
            assertThat(calendar.isWorkingDay(day)).isFalse();
        }
    }

    @Test
    void makeUpSaturdayAfterNationalDayCounts() {
        assertThat(calendar.status(d("2026-10-10"))).isEqualTo(new WorkingDayCalendar.DayStatus(d("2026-10-10"), true, "MAKE_UP_WORKING_DAY:调休上班"));
        assertThat(calendar.addWorkingDays(d("2026-10-08"), 2)).isEqualTo(d("2026-10-10"));
        assertThat(calendar.addWorkingDays(d("2026-10-08"), 3)).isEqualTo(d("2026-10-12"));
    }

    @Test
    void makeUpSundayBeforeMidAutumnCounts() {
        assertThat(calendar.isWorkingDay(d("2026-09-20"))).isTrue();
        assertThat(calendar.addWorkingDays(d("2026-09-18"), 1)).isEqualTo(d("2026-09-20"));
        // Friday 09-25 is 中秋节, so Thursday + 1 skips the long weekend.
        assertThat(calendar.status(d("2026-09-25")).reason()).isEqualTo("DAY_OFF:中秋节");
        assertThat(calendar.addWorkingDays(d("2026-09-24"), 1)).isEqualTo(d("2026-09-28"));
    }

    @Test
    void springFestivalWithItsMakeUpSaturdays() {
        assertThat(calendar.addWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(calendar.addWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.status(d("2026-02-23")).reason()).isEqualTo("DAY_OFF:春节");
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue();
        assertThat(calendar.workingDaysBetween(d("2026-02-13"), d("2026-02-28"))).isEqualTo(1 + 4 + 1);
    }

    @Test
    void ordinaryWeekendAndWeekday() {
        assertThat(calendar.status(d("2026-03-07")).reason()).isEqualTo("WEEKEND");
        assertThat(calendar.status(d("2026-03-09")).reason()).isEqualTo("WEEKDAY");
        assertThat(calendar.addWorkingDays(d("2026-03-06"), 1)).isEqualTo(d("2026-03-09"));
        assertThat(calendar.addWorkingDays(d("2026-03-06"), 0)).isEqualTo(d("2026-03-06"));
        assertThat(calendar.workingDaysBetween(d("2026-03-06"), d("2026-03-08"))).isZero();
    }

    @Test
    void a2026HasTwoHundredFortyEightWorkingDays() {
        assertThat(calendar.workingDaysBetween(d("2026-01-01"), d("2026-12-31"))).isEqualTo(248);
        assertThat(calendar.workingDaysBetween(d("2026-12-31"), d("2026-01-01"))).isEqualTo(-248);
    }

    @Test
    void addAndBetweenAreInverses() {
        LocalDate from = d("2026-01-01");
        for (int n = 0; n <= 248; n++) {
            LocalDate due = calendar.addWorkingDays(from, n);
            assertThat(calendar.workingDaysBetween(from, due)).as("n=%d", n).isEqualTo(n);
            assertThat(n == 0 || calendar.isWorkingDay(due)).as("due date of n=%d is a working day", n).isTrue();
        }
    }

    @Test
    void crossingIntoAYearWithoutCalendarIsAnErrorNotAGuess() {
        assertThat(calendar.addWorkingDays(d("2026-12-30"), 1)).isEqualTo(d("2026-12-31"));
        assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-12-31"), 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo("CALENDAR_YEAR_MISSING");
                    assertThat(e.getMessage()).contains("2027");
                    assertThat(e.properties()).containsEntry("year", 2027);
                });
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2025-12-31"))).hasMessageContaining("2025");
        assertThatThrownBy(() -> calendar.workingDaysBetween(d("2025-12-31"), d("2026-01-05"))).hasMessageContaining("2025");
        // 2027-01-04 is a Monday: still no guess.
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2027-01-04"))).hasMessageContaining("2027");
    }

    @Test
    void calendarDaysIgnoreHolidays() {
        assertThat(calendar.addCalendarDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-01"));
        assertThat(calendar.addCalendarDays(d("2026-09-30"), 0)).isEqualTo(d("2026-09-30"));
        assertThatThrownBy(() -> calendar.addCalendarDays(d("2026-09-30"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-09-30"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
