package cn.onehall.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the tests move; the service reads days in China Standard Time. */
@TestConfiguration
public class TestClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-09-30T02:00:00Z"));

    @Bean
    @Primary
    Clock testClock() {
        return this;
    }

    public void set(String isoDateTimeInChina) {
        now.set(ZonedDateTime.parse(isoDateTimeInChina + "+08:00[Asia/Shanghai]").toInstant());
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now.get(), zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
