package cn.onehall.supervision.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;
import cn.onehall.supervision.support.UpstreamHall;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** The process record of every case event reaches the upstream hall, signed, in order, after the upstream was down. */
class ExchangeTest extends SupervisionTest {

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void upAgain() {
        UpstreamHall.up(true);
    }

    private List<UpstreamHall.Received> of(String caseNumber) {
        return UpstreamHall.received().stream().filter(r -> r.body().contains("\"" + caseNumber + "\"")).toList();
    }

    @Test
    void anUpstreamThatIsDownLosesNothingAndGetsEveryRecordInOrderSigned() {
        // Records other tests queued come first in the upstream's order and would hold this test's back: drain them.
        UpstreamHall.up(true);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT COUNT(*) FROM exchange_queue WHERE sent_at IS NULL").query(Long.class).single() == 0);
        UpstreamHall.up(false);
        String no = caseNumber("X");
        Map<String, Object> d = CaseEventsOnStream.data(no, "SUBMITTED", "2026-11-02T09:00:00+08:00");
        d.put("submittedAt", "2026-11-02T09:00:00+08:00");
        stream().publish("submitted", new java.util.HashMap<>(d));
        d.put("status", "ACCEPTED");
        d.put("occurredAt", "2026-11-02T10:00:00+08:00");
        stream().publish("accepted", new java.util.HashMap<>(d));
        d.put("status", "APPROVED");
        d.put("occurredAt", "2026-11-03T10:00:00+08:00");
        awaitHandled(stream().publish("approved", d));

        // retried with backoff while the upstream is down
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT COALESCE(MAX(attempts), 0) FROM exchange_queue WHERE case_number = ?")
                .param(no).query(Integer.class).single() >= 2);
        assertThat(of(no)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM exchange_queue WHERE case_number = ? AND sent_at IS NULL").param(no).query(Long.class).single()).isEqualTo(3);
        JsonNode status = json(get("/api/supervision/exchange/status", "supervisor-taishan")).get(0);
        assertThat(status.get("upstream").asString()).isEqualTo("city");
        assertThat(status.get("pending").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(status.get("lastError").asString()).contains("503");
        await().atMost(PATIENCE).until(() -> meters.get("onehall.supervision.exchange.lag.seconds").tag("upstream", "city").gauge().value() > 0);
        assertThat(get("/api/supervision/exchange/status", "officer-market").statusCode()).isEqualTo(403);

        UpstreamHall.up(true);
        await().atMost(PATIENCE).until(() -> of(no).size() == 3);
        List<UpstreamHall.Received> got = of(no);
        assertThat(got).extracting(r -> LocalApi.JSON.readTree(r.body()).get("verb").asString()).containsExactly("submitted", "accepted", "approved");
        for (UpstreamHall.Received r : got) {
            assertThat(r.signature()).isEqualTo("sha256=" + ExchangeSender.sign(UpstreamHall.SECRET, r.timestamp() + "." + r.body()));
            assertThat(r.body()).doesNotContain("440781198803140029"); // no holder data leaves the hall
        }
    }
}
