package cn.onehall.starter.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CalendarYearCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private volatile int version = 1;
    private final CalendarYearCache cache = new CalendarYearCache(year -> {
        loads.incrementAndGet();
        return year == 2026 ? Optional.of(CalendarYear.of(2026, "test", version, Instant.EPOCH, "seed", List.of())) : Optional.empty();
    }, Duration.ofSeconds(60), now::get);

    @Test
    void servesFromMemoryWithinTheTtlAndReloadsAfter() {
        assertThat(cache.find(2026).orElseThrow().version()).isEqualTo(1);
        version = 2;
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.find(2026).orElseThrow().version()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.find(2026).orElseThrow().version()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void invalidateReloadsAtOnce() {
        cache.find(2026);
        version = 3;
        cache.invalidate(2026);
        assertThat(cache.find(2026).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void absentYearsAreCachedToo() {
        assertThat(cache.find(2031)).isEmpty();
        assertThat(cache.find(2031)).isEmpty();
        assertThat(loads).hasValue(1);
    }
}
