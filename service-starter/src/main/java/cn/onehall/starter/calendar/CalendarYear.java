package cn.onehall.starter.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A year whose holiday arrangement is known. Only exception days are held; {@link WorkingDayCalendar} applies the rule.
 *
 * @param version bumped on every replacement; the ETag and the If-Match check are built on it
 */
public record CalendarYear(int year, String source, int version, Instant loadedAt, String updatedBy, Map<LocalDate, CalendarDay> days) {

    public CalendarYear {
        days = Map.copyOf(days);
    }

    public static CalendarYear of(int year, String source, int version, Instant loadedAt, String updatedBy, List<CalendarDay> days) {
        return new CalendarYear(year, source, version, loadedAt, updatedBy,
                days.stream().collect(Collectors.toMap(CalendarDay::date, Function.identity())));
    }

    public CalendarDay day(LocalDate date) {
        return days.get(date);
    }

    public List<CalendarDay> daysOf(DayKind kind) {
        return days.values().stream().filter(d -> d.kind() == kind).sorted(java.util.Comparator.comparing(CalendarDay::date)).toList();
    }

    /** Strong ETag: the same year and version always carry the same days. */
    public String etag() {
        return etag(year, version);
    }

    public static String etag(int year, int version) {
        return "\"" + year + "-v" + version + "\"";
    }
}
