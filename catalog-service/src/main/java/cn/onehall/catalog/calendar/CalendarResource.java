package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarYear;
import cn.onehall.starter.calendar.CalendarYearCache;
import cn.onehall.starter.calendar.DayKind;
import cn.onehall.starter.calendar.WorkingDayCalendar;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Reads are public under /api/catalog/calendar/** (onehall.public-paths). The PUT lives under
 * /api/catalog/admin/calendar/{year} because public-paths open every method of a matched path.
 */
@RestController
@Tag(name = "calendar", description = "工作日日历 working-day calendar: 法定节假日与调休, and due dates of 法定时限/承诺时限")
public class CalendarResource {

    static final String CACHE_CONTROL = "public, max-age=3600";
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    private static final int MAX_DAYS = 3650;

    public enum Unit { WORKING_DAYS, CALENDAR_DAYS }

    @Schema(description = "到期日 due date of a time limit counted from a date")
    public record DueDate(@Schema(description = "起算日 start date (not counted)") LocalDate from,
                          @Schema(description = "时限 limit in the given unit") int workingDays,
                          @Schema(description = "WORKING_DAYS (工作日) or CALENDAR_DAYS (自然日)") Unit unit,
                          @Schema(description = "到期日 the last day of the limit") LocalDate dueDate) {
    }

    @Schema(description = "Whether a date is a working day (工作日) and why")
    public record WorkingDay(LocalDate date, boolean workingDay,
                             @Schema(description = "WEEKDAY, WEEKEND, DAY_OFF:名称 or MAKE_UP_WORKING_DAY:名称", example = "DAY_OFF:国庆节") String reason) {
    }

    @Schema(description = "One exception day")
    public record Day(LocalDate date, String name) {
    }

    @Schema(description = "一年的节假日安排: days off (放假) and make-up working days (调休上班) of one year")
    public record Year(int year, String source, int version, Instant loadedAt, List<Day> daysOff, List<Day> makeUpWorkingDays) {

        static Year of(CalendarYear y) {
            return new Year(y.year(), y.source(), y.version(), y.loadedAt(), days(y, DayKind.DAY_OFF), days(y, DayKind.MAKE_UP_WORKING_DAY));
        }

        private static List<Day> days(CalendarYear y, DayKind kind) {
            return y.daysOf(kind).stream().map(d -> new Day(d.date(), d.name())).toList();
        }
    }

    private final WorkingDayCalendar calendar;
    private final CalendarYearCache years;
    private final CalendarAdministration administration;

    public CalendarResource(WorkingDayCalendar calendar, CalendarYearCache years, CalendarAdministration administration) {
        this.calendar = calendar;
        this.years = years;
        this.administration = administration;
    }

    @GetMapping("/api/catalog/calendar/due-date")
    @Operation(summary = "到期日 due date of a time limit (法定时限/承诺时限)",
            description = "The n-th working day (工作日) after `from`, which itself is not counted; with unit=CALENDAR_DAYS the n-th calendar day (自然日). "
                    + "A year without a published calendar is a 422 CALENDAR_YEAR_MISSING problem.")
    public DueDate dueDate(@Parameter(description = "起算日, ISO date", example = "2026-09-30") @RequestParam(required = false) String from,
                           @Parameter(description = "时限 0..3650", example = "1") @RequestParam(required = false) String workingDays,
                           @Parameter(description = "WORKING_DAYS (default) or CALENDAR_DAYS") @RequestParam(required = false) String unit) {
        FieldErrors errors = new FieldErrors();
        LocalDate start = errors.date("from", from);
        Integer days = errors.integer("workingDays", workingDays, 0, MAX_DAYS);
        Unit counted = Unit.WORKING_DAYS;
        if (unit != null) {
            try {
                counted = Unit.valueOf(unit);
            } catch (IllegalArgumentException e) {
                errors.add("unit", "must be WORKING_DAYS or CALENDAR_DAYS");
            }
        }
        errors.throwIfAny();
        LocalDate due = counted == Unit.WORKING_DAYS ? calendar.addWorkingDays(start, days) : calendar.addCalendarDays(start, days);
        return new DueDate(start, days, counted, due);
    }

    @GetMapping("/api/catalog/calendar/working-day")
    @Operation(summary = "是否工作日 is a date a working day", description = "Reason: WEEKDAY, WEEKEND, DAY_OFF:名称 (放假) or MAKE_UP_WORKING_DAY:名称 (调休上班)")
    public WorkingDay workingDay(@Parameter(description = "ISO date", example = "2026-10-01") @RequestParam(required = false) String date) {
        FieldErrors errors = new FieldErrors();
        LocalDate day = errors.date("date", date);
        errors.throwIfAny();
        WorkingDayCalendar.DayStatus status = calendar.status(day);
        return new WorkingDay(day, status.workingDay(), status.reason());
    }

    @GetMapping("/api/catalog/calendar/{year}")
    @Operation(summary = "某年节假日安排 a year's days off and make-up working days",
            description = "Cacheable (public, max-age=3600) with an ETag; send the ETag as If-Match when replacing the year. "
                    + "A year without a published calendar is a 404 CALENDAR_YEAR_MISSING problem.")
    public ResponseEntity<Year> year(@Parameter(example = "2026") @PathVariable String year,
                                     @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        int y = year(year);
        CalendarYear found = years.find(y).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, WorkingDayCalendar.YEAR_MISSING,
                "No working-day calendar (工作日日历) is published for " + y, Map.of("year", y)));
        if (ifNoneMatch != null && ifNoneMatch.contains(found.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(found.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        return ResponseEntity.ok().eTag(found.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).body(Year.of(found));
    }

    @PutMapping("/api/catalog/admin/calendar/{year}")
    @PreAuthorize("hasAnyRole('platform-admin', 'catalog-admin')")
    @Operation(summary = "发布/替换某年节假日安排 publish or replace a year's arrangement",
            description = "Replaces the whole year in one transaction (platform-admin or catalog-admin). Body as the seed: daysOff[{date,name}], "
                    + "makeUpWorkingDays[{date,name}]; every date inside the year, no date twice, names 1..50 characters without markup, "
                    + "at most 120 entries. If-Match with the year's ETag guards against a concurrent change (409 on mismatch). "
                    + "201 when the year is new, 200 when replaced.")
    public ResponseEntity<Year> replace(@Parameter(example = "2027") @PathVariable String year,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody(required = false) CalendarYearRequest body,
                                        @AuthenticationPrincipal Jwt jwt) {
        int y = year(year);
        if (body == null) {
            FieldErrors errors = new FieldErrors();
            errors.add("body", "is required");
            errors.throwIfAny();
        }
        CalendarAdministration.Replaced result = administration.replace(y, body, ifMatch, CurrentUser.from(jwt).username());
        ResponseEntity.BodyBuilder response = result.created()
                ? ResponseEntity.created(URI.create("/api/catalog/calendar/" + y))
                : ResponseEntity.ok();
        return response.eTag(result.year().etag()).body(Year.of(result.year()));
    }

    private static int year(String value) {
        FieldErrors errors = new FieldErrors();
        Integer year = errors.integer("year", value, MIN_YEAR, MAX_YEAR);
        errors.throwIfAny();
        return year;
    }
}
