package cn.onehall.starter.persistence;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * The starter's own tables (outbox, processed events, locks) migrate with their own history table, so their
 * versions never collide with a service's V1, V2, … and the starter can add migrations later.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnBean(DataSource.class)
public class StarterSchemaAutoConfiguration {

    @Bean
    FlywayMigrationStrategy starterThenServiceMigrations(DataSource dataSource) {
        return serviceFlyway -> {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/starter")
                    .table("starter_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            serviceFlyway.migrate();
        };
    }
}
