package cn.onehall.starter.calendar;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Every service but the catalogue gets a {@link WorkingDayCalendar} over the catalogue's published years (the catalogue
 * defines its own bean over its database, which replaces this one). Years are cached for {@code onehall.calendar.cache-ttl}.
 */
@AutoConfiguration
public class CalendarAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WorkingDayCalendar workingDayCalendar(@Value("${onehall.catalog-url:http://localhost:8081}") String catalogUrl,
                                          @Value("${onehall.calendar.cache-ttl:10m}") Duration ttl) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(1));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        CatalogCalendarYears remote = new CatalogCalendarYears(RestClient.builder().baseUrl(catalogUrl).requestFactory(timeouts).build());
        return new WorkingDayCalendar(new CalendarYearCache(remote::load, ttl, System::nanoTime));
    }
}
