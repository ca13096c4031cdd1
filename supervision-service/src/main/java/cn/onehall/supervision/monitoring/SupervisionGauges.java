package cn.onehall.supervision.monitoring;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import cn.onehall.supervision.measure.Measure;
import cn.onehall.supervision.measure.Measures;

/**
 * The supervision figures operators watch next to the golden signals (k8s/monitoring/grafana-dashboard.json): open
 * cards by colour, the case-data exchange backlog per upstream hall, and this month's measures (三率一数)
 * per region that has cases. Refreshed every 30 s rather than on each scrape, so Prometheus never waits on the database.
 */
@Component
class SupervisionGauges {

    private final JdbcTemplate jdbc;
    private final Measures measures;
    private final Clock clock;
    private final MultiGauge measureValues;
    private final MultiGauge openCards;
    private final MultiGauge exchangePending;

    SupervisionGauges(JdbcTemplate jdbc, Measures measures, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.measures = measures;
        this.clock = clock;
        this.measureValues = MultiGauge.builder("onehall.supervision.measure")
                .description("This month's value of each published measure per region (the region's own subtree)").register(registry);
        this.openCards = MultiGauge.builder("onehall.supervision.cards.open")
                .description("Active yellow and red cards (红黄牌)").register(registry);
        this.exchangePending = MultiGauge.builder("onehall.supervision.exchange.pending")
                .description("Case process records not yet accepted by the upstream hall").register(registry);
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT10S")
    void refresh() {
        openCards.register(jdbc.query("SELECT colour, COUNT(*) FROM card WHERE cleared_at IS NULL GROUP BY colour",
                (rs, i) -> MultiGauge.Row.of(Tags.of("colour", rs.getString(1)), rs.getLong(2))), true);
        // The exchange's lag is ExchangeSender's own gauge; the backlog size is here.
        exchangePending.register(jdbc.query("SELECT upstream, COUNT(*) FROM exchange_queue WHERE sent_at IS NULL GROUP BY upstream",
                (rs, i) -> MultiGauge.Row.of(Tags.of("upstream", rs.getString(1)), rs.getLong(2))), true);

        String month = YearMonth.now(clock).toString(); // the hall's zone (SupervisionProperties)
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String region : jdbc.queryForList("SELECT DISTINCT region_code FROM case_month WHERE month = ? LIMIT 200", String.class, month)) {
            for (Measure m : measures.of(region, month, null, null).measures()) {
                if (m.value() != null) {
                    rows.add(MultiGauge.Row.of(Tags.of("region", region, "measure", m.code()), m.value().doubleValue()));
                }
            }
        }
        measureValues.register(rows, true);
    }
}
