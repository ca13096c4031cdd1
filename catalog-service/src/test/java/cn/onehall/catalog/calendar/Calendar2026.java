package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarYear;
import cn.onehall.starter.calendar.WorkingDayCalendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/** The shipped 2026 seed, read and validated the way the service reads it at start-up. */
final class Calendar2026 {

    private Calendar2026() {
    }

    static CalendarYear year() {
        try (InputStream in = Calendar2026.class.getResourceAsStream("/calendar/calendar-2026.json")) {
            CalendarYearRequest seed = JsonMapper.builder().build().readValue(in, CalendarYearRequest.class);
            return CalendarYear.of(2026, seed.source(), 1, Instant.EPOCH, "seed", seed.validate(2026));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A calendar that knows 2026 only. */
    static WorkingDayCalendar calendar() {
        CalendarYear y2026 = year();
        return new WorkingDayCalendar(year -> year == 2026 ? Optional.of(y2026) : Optional.empty());
    }
}
