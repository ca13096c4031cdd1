package cn.onehall.catalog.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the years shipped in {@code calendar/calendar-*.json} when they are absent, before the service reports ready.
 * Idempotent and safe with several replicas starting at once. A shipped file that fails validation stops the start:
 * running with a wrong calendar would be worse than not running.
 */
@Component
class CalendarSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CalendarSeeds.class);

    private final CalendarAdministration administration;
    private final JsonMapper json;
    private final String locations;

    CalendarSeeds(CalendarAdministration administration, JsonMapper json, @Value("${onehall.calendar.seeds:classpath:calendar/calendar-*.json}") String locations) {
        this.administration = administration;
        this.json = json;
        this.locations = locations;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Resource[] seeds = new PathMatchingResourcePatternResolver(getClass().getClassLoader()).getResources(locations);
        for (Resource seed : Arrays.stream(seeds).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
            CalendarYearRequest request;
            try (InputStream in = seed.getInputStream()) {
                request = json.readValue(in, CalendarYearRequest.class);
            }
            if (request.year() == null) {
                throw new IllegalStateException("calendar seed " + seed.getFilename() + " has no year");
            }
            if (administration.seedIfAbsent(request.year(), request)) {
                log.info("working-day calendar {} loaded from {}", request.year(), seed.getFilename());
            }
        }
    }
}
