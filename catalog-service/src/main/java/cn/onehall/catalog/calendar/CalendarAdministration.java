package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarDay;
import cn.onehall.starter.calendar.CalendarYear;
import cn.onehall.starter.calendar.CalendarYearCache;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/** Publishing a year's arrangement: replaced whole, in one transaction, optionally guarded by If-Match. */
@Service
public class CalendarAdministration {

    public static final String SEED_USER = "seed";

    public record Replaced(CalendarYear year, boolean created) {
    }

    private final CalendarRepository repository;
    private final CalendarYearCache cache;
    private final TransactionTemplate transaction;

    public CalendarAdministration(CalendarRepository repository, CalendarYearCache cache, TransactionTemplate transaction) {
        this.repository = repository;
        this.cache = cache;
        this.transaction = transaction;
    }

    /**
     * @param ifMatch the ETag the caller last read, {@code *} for "must exist", or null to replace unconditionally
     */
    public Replaced replace(int year, CalendarYearRequest request, String ifMatch, String username) {
        List<CalendarDay> days = request.validate(year);
        Boolean created = transaction.execute(status -> {
            Optional<Integer> version = repository.lockVersion(year);
            if (ifMatch != null && !matches(ifMatch, year, version)) {
                throw new ProblemException(HttpStatus.CONFLICT, ProblemCode.CONFLICT, version
                        .map(v -> "The calendar of " + year + " changed since you read it (now " + CalendarYear.etag(year, v) + "); reload it and try again")
                        .orElse("There is no calendar of " + year + " to match If-Match"));
            }
            if (version.isEmpty()) {
                // Two first PUTs of a new year: the loser gets a duplicate key, answered as 409 by the starter.
                repository.insertYear(year, request.source(), username);
            } else {
                repository.bumpYear(year, request.source(), username);
            }
            repository.replaceDays(year, days);
            return version.isEmpty();
        });
        // After the commit: dropping the entry earlier would let a concurrent read cache the old year again.
        cache.invalidate(year);
        return new Replaced(repository.find(year).orElseThrow(), Boolean.TRUE.equals(created));
    }

    /** Loads a shipped year once: a year already present (seeded or edited by an administrator) is left alone. */
    public boolean seedIfAbsent(int year, CalendarYearRequest request) {
        List<CalendarDay> days = request.validate(year);
        boolean seeded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!repository.insertYearIfAbsent(year, request.source(), SEED_USER)) {
                return false;
            }
            repository.replaceDays(year, days);
            return true;
        }));
        if (seeded) {
            cache.invalidate(year);
        }
        return seeded;
    }

    private static boolean matches(String ifMatch, int year, Optional<Integer> version) {
        if (version.isEmpty()) {
            return false;
        }
        String current = CalendarYear.etag(year, version.get());
        return Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    }
}
