package cn.onehall.supervision.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The dashboard's supervision gauges follow the cards and the counters. */
class SupervisionGaugesTest extends SupervisionTest {

    @Autowired
    SupervisionGauges gauges;
    @Autowired
    MeterRegistry registry;

    private double gauge(String name, String tag, String value) {
        Gauge gauge = registry.find(name).tag(tag, value).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void anOverdueCaseShowsAsARedCardAndInTheMonthsMeasures() {
        startAt("2026-11-02T09:00:00+08:00");
        gauges.refresh();
        double redBefore = gauge("onehall.supervision.cards.open", "colour", "RED");

        String no = caseNumber("GAUGE");
        Map<String, Object> accepted = CaseEventsOnStream.data(no, "ACCEPTED", "2026-11-02T09:00:00+08:00");
        accepted.put("submittedAt", "2026-11-02T09:00:00+08:00");
        accepted.put("acceptedAt", "2026-11-02T09:00:00+08:00");
        accepted.put("dueDate", "2026-11-03");
        awaitHandled(stream().publish("accepted", accepted));
        clock.set("2026-11-05T09:00:00+08:00");
        cardScan.scanOnce();
        gauges.refresh();

        assertThat(gauge("onehall.supervision.cards.open", "colour", "RED")).isEqualTo(redBefore + 1);
        assertThat(registry.find("onehall.supervision.measure").tag("region", "440781").gauges()).isNotEmpty();
    }
}
