package cn.onehall.supervision.config;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/** The clock every time rule reads (a bean, so tests move time instead of sleeping) and the one-replica-at-a-time scan lock. */
@Configuration
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT2M")
@EnableConfigurationProperties({SupervisionProperties.class, cn.onehall.supervision.exchange.ExchangeProperties.class})
public class SupervisionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(SupervisionProperties properties) {
        return Clock.system(properties.zone());
    }

    /** The starter's {@code shedlock} table; the database's clock decides who holds a lock, not each replica's. */
    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
