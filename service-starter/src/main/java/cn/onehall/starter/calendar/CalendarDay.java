package cn.onehall.starter.calendar;

import java.time.LocalDate;

/** One exception day of the calendar, e.g. 2026-10-01 DAY_OFF 国庆节. */
public record CalendarDay(LocalDate date, DayKind kind, String name) {
}
