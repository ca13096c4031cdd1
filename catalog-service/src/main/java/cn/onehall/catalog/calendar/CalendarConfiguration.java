package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarYearCache;
import cn.onehall.starter.calendar.WorkingDayCalendar;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    CalendarYearCache calendarYearCache(CalendarRepository repository, @Value("${onehall.calendar.cache-ttl:60s}") Duration ttl) {
        return new CalendarYearCache(repository::find, ttl, System::nanoTime);
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(CalendarYearCache cache) {
        return new WorkingDayCalendar(cache);
    }
}
