package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarDay;
import cn.onehall.starter.calendar.DayKind;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A whole year's arrangement, in the shape of the shipped seed ({@code calendar/calendar-2026.json}), which is also
 * the PUT body. Fields are read as text and checked here so that every bad field comes back in errors[] at once.
 */
@Schema(description = "一年的节假日安排 (法定节假日与调休): days off and make-up working days of one year")
public record CalendarYearRequest(
        @Schema(description = "Year; optional, must equal the year in the path", example = "2026") Integer year,
        @Schema(description = "依据 source of the arrangement, e.g. the State Council notice", example = "国务院办公厅关于2026年部分节假日安排的通知") String source,
        @Schema(description = "放假 days off") List<Entry> daysOff,
        @Schema(description = "调休上班 make-up working days (a Saturday or Sunday); a bare date string gets the name 调休上班") List<Entry> makeUpWorkingDays) {

    public static final int MAX_ENTRIES = 120;
    public static final int MAX_NAME = 50;
    public static final int MAX_SOURCE = 200;
    public static final String DEFAULT_MAKE_UP_NAME = "调休上班";

    @Schema(description = "One day: ISO date and name (名称), e.g. {\"date\":\"2026-10-01\",\"name\":\"国庆节\"}")
    public record Entry(@Schema(example = "2026-10-01") String date, @Schema(example = "国庆节", maxLength = MAX_NAME) String name) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Entry(@JsonProperty("date") String date, @JsonProperty("name") String name) {
            this.date = date;
            this.name = name;
        }

        // The published seed lists make-up working days as bare dates.
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Entry ofDate(String date) {
            return new Entry(date, null);
        }
    }

    /** The exception days of {@code pathYear}, or a VALIDATION_FAILED problem listing every bad field; nothing is stored before this passes. */
    public List<CalendarDay> validate(int pathYear) {
        FieldErrors errors = new FieldErrors();
        if (year != null && year != pathYear) {
            errors.add("year", "must be " + pathYear + ", the year in the path");
        }
        if (source != null) {
            text(errors, "source", source, MAX_SOURCE);
        }
        if (daysOff == null) {
            errors.add("daysOff", "is required (may be empty)");
        }
        if (makeUpWorkingDays == null) {
            errors.add("makeUpWorkingDays", "is required (may be empty)");
        }
        int total = (daysOff == null ? 0 : daysOff.size()) + (makeUpWorkingDays == null ? 0 : makeUpWorkingDays.size());
        if (total > MAX_ENTRIES) {
            errors.add("daysOff", "at most " + MAX_ENTRIES + " entries in daysOff and makeUpWorkingDays together, got " + total);
            errors.throwIfAny();
        }
        List<CalendarDay> days = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        collect(errors, pathYear, "daysOff", daysOff, DayKind.DAY_OFF, seen, days);
        collect(errors, pathYear, "makeUpWorkingDays", makeUpWorkingDays, DayKind.MAKE_UP_WORKING_DAY, seen, days);
        errors.throwIfAny();
        return days;
    }

    private static void collect(FieldErrors errors, int year, String list, List<Entry> entries, DayKind kind, Set<LocalDate> seen,
                                List<CalendarDay> days) {
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            String field = list + "[" + i + "]";
            Entry entry = entries.get(i);
            if (entry == null) {
                errors.add(field, "is required");
                continue;
            }
            LocalDate date = errors.date(field + ".date", entry.date());
            String name = entry.name() == null && kind == DayKind.MAKE_UP_WORKING_DAY ? DEFAULT_MAKE_UP_NAME : entry.name();
            boolean nameOk = text(errors, field + ".name", name, MAX_NAME);
            if (date == null) {
                continue;
            }
            if (date.getYear() != year) {
                errors.add(field + ".date", "must be inside " + year);
            } else if (!seen.add(date)) {
                errors.add(field + ".date", date + " is listed twice (a day is either a day off or a make-up working day, once)");
            } else if (kind == DayKind.MAKE_UP_WORKING_DAY && date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                errors.add(field + ".date", date + " is a weekday; a make-up working day is a Saturday or Sunday");
            } else if (nameOk) {
                days.add(new CalendarDay(date, kind, name));
            }
        }
    }

    private static boolean text(FieldErrors errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            errors.add(field, "must be at most " + max + " characters");
            return false;
        }
        // Names end up in portals and PDFs: no markup and no control characters.
        if (value.chars().anyMatch(c -> c == '<' || c == '>' || Character.isISOControl(c))) {
            errors.add(field, "must not contain '<', '>' or control characters");
            return false;
        }
        return true;
    }
}
