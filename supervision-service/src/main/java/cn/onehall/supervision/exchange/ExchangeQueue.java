package cn.onehall.supervision.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.supervision.casefile.CaseEventData;
import cn.onehall.supervision.casefile.CaseEvents;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues the process record (办件过程记录) of a case event for every configured upstream, in the consumer's transaction:
 * the record exists exactly when the event was processed. No holder data travels: the record is the case's process.
 */
@Component
public class ExchangeQueue {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ExchangeProperties properties;

    public ExchangeQueue(JdbcClient jdbc, JsonMapper json, ExchangeProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    public void enqueue(CloudEvent event, String caseNumber, CaseEventData d) {
        if (properties.upstreams().isEmpty()) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", event.id());
        record.put("eventType", event.type());
        record.put("verb", event.type().substring(CaseEvents.PREFIX.length()));
        record.put("caseNumber", caseNumber);
        record.put("itemCode", d.itemCode());
        record.put("itemVersion", d.itemVersion());
        record.put("regionCode", d.regionCode());
        record.put("departmentCode", d.departmentCode());
        record.put("powerType", d.powerType());
        record.put("channel", d.channel());
        record.put("status", d.status());
        record.put("occurredAt", d.occurredAt() == null ? event.time() : d.occurredAt());
        record.put("submittedAt", d.submittedAt());
        record.put("acceptedAt", d.acceptedAt());
        record.put("decidedAt", d.decidedAt());
        record.put("completedAt", d.completedAt());
        record.put("promisedLimit", d.promisedLimit());
        record.put("dueDate", d.dueDate());
        record.put("suspendedDays", d.suspendedDays());
        record.put("visits", d.visits());
        record.put("correctionNotices", d.correctionNotices());
        record.put("holderType", d.holderType());
        String payload = json.writeValueAsString(record);
        for (ExchangeProperties.Upstream upstream : properties.upstreams()) {
            jdbc.sql("INSERT IGNORE INTO exchange_queue (upstream, event_id, case_number, payload) VALUES (?, ?, ?, ?)")
                    .params(upstream.name(), event.id(), caseNumber, payload).update();
        }
    }
}
