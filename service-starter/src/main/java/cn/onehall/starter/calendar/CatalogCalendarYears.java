package cn.onehall.starter.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Loads a year's holiday arrangement from the catalogue (its public {@code GET /api/catalog/calendar/{year}}), the single
 * source of the calendar; services other than the catalogue count working days with {@link WorkingDayCalendar} over it.
 * A 404 means the year is not published (an explicit error downstream, never a guess); any other failure propagates,
 * so a due date is never computed from a calendar that could not be read.
 */
public class CatalogCalendarYears {

    record Day(LocalDate date, String name) {
    }

    record Year(int year, String source, int version, Instant loadedAt, List<Day> daysOff, List<Day> makeUpWorkingDays) {
    }

    private final RestClient catalog;

    public CatalogCalendarYears(RestClient catalog) {
        this.catalog = catalog;
    }

    public Optional<CalendarYear> load(int year) {
        Year y;
        try {
            y = catalog.get().uri("/api/catalog/calendar/{year}", year).retrieve().body(Year.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (y == null) {
            return Optional.empty();
        }
        List<CalendarDay> days = new ArrayList<>();
        y.daysOff().forEach(d -> days.add(new CalendarDay(d.date(), DayKind.DAY_OFF, d.name())));
        y.makeUpWorkingDays().forEach(d -> days.add(new CalendarDay(d.date(), DayKind.MAKE_UP_WORKING_DAY, d.name())));
        return Optional.of(CalendarYear.of(y.year(), y.source(), y.version(), y.loadedAt(), "catalog-service", days));
    }
}
