package cn.onehall.starter.calendar;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Loaded years in memory: due dates are computed for every case and list, the calendar changes a few times a year.
 * The replica that takes a PUT drops its entry at once; other replicas reload after the TTL (60 s by default).
 * Absent years are cached too, so a missing-year storm does not hit the database. An event on change could
 * replace the TTL later without changing callers.
 */
public class CalendarYearCache implements WorkingDayCalendar.Years {

    private record Entry(Optional<CalendarYear> year, long loadedAtNanos) {
    }

    private final IntFunction<Optional<CalendarYear>> loader;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();
    // Bumped by every invalidation: a load that raced with a change must not put the old year back for a whole TTL.
    private final AtomicLong generation = new AtomicLong();

    public CalendarYearCache(IntFunction<Optional<CalendarYear>> loader, Duration ttl, LongSupplier nanoTime) {
        this.loader = loader;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<CalendarYear> find(int year) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(year);
        if (entry != null && now - entry.loadedAtNanos() < ttlNanos) {
            return entry.year();
        }
        long before = generation.get();
        Optional<CalendarYear> loaded = loader.apply(year);
        if (generation.get() == before) {
            entries.put(year, new Entry(loaded, now));
        }
        return loaded;
    }

    public void invalidate(int year) {
        generation.incrementAndGet();
        entries.remove(year);
    }
}
