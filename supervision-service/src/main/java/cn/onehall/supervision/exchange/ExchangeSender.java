package cn.onehall.supervision.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sends queued process records to each upstream in queue order, one replica at a time (ShedLock). Each POST carries
 * {@code X-OneHall-Timestamp} and {@code X-OneHall-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * A failure (non-2xx, timeout, refused) stops that upstream's pass at the failed record, so records of a case never
 * overtake each other, and retries it after a backoff doubling from {@code backoff-base} to {@code backoff-max}.
 * The lag (age of the oldest unsent record per upstream) is the gauge {@code onehall.supervision.exchange.lag.seconds}.
 */
@Component
public class ExchangeSender {

    public static final String LOCK = "supervision-exchange-send";
    private static final Logger log = LoggerFactory.getLogger(ExchangeSender.class);

    public record Status(String upstream, long pending, double lagSeconds, long sent, String lastError) {
    }

    private final JdbcClient jdbc;
    private final ExchangeProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Double> lag = new ConcurrentHashMap<>();

    public ExchangeSender(JdbcClient jdbc, ExchangeProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        for (ExchangeProperties.Upstream u : properties.upstreams()) {
            if (u.name() == null || u.url() == null || u.secret() == null || u.name().length() > 50) {
                throw new IllegalStateException("onehall.supervision.exchange.upstreams: every upstream needs name (≤ 50), url and secret");
            }
            lag.put(u.name(), 0.0);
            Gauge.builder("onehall.supervision.exchange.lag.seconds", lag, m -> m.getOrDefault(u.name(), Double.NaN))
                    .description("Age of the oldest case process record not yet accepted by the upstream hall").tag("upstream", u.name())
                    .register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${onehall.supervision.exchange.interval:PT1S}", initialDelayString = "PT2S")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT5M")
    public void scheduled() {
        sendPending();
    }

    /** One pass over every upstream; returns the records accepted. */
    public synchronized int sendPending() {
        int sent = 0;
        for (ExchangeProperties.Upstream upstream : properties.upstreams()) {
            try {
                sent += send(upstream);
            } catch (RuntimeException e) {
                log.warn("Case data exchange to {} failed, retried later: {}", upstream.name(), e.toString());
            }
            refreshLag(upstream.name());
        }
        return sent;
    }

    private int send(ExchangeProperties.Upstream upstream) {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT seq, payload, attempts, next_attempt_at <= CURRENT_TIMESTAMP(3) AS due FROM exchange_queue
                WHERE upstream = ? AND sent_at IS NULL ORDER BY seq LIMIT ?""")
                .params(upstream.name(), properties.batch()).query().listOfRows();
        int sent = 0;
        for (Map<String, Object> row : rows) {
            if (!truthy(row.get("due"))) {
                break; // the oldest waits for its backoff: nothing behind it may overtake
            }
            long seq = ((Number) row.get("seq")).longValue();
            String body = String.valueOf(row.get("payload"));
            String failure = post(upstream, body);
            if (failure == null) {
                jdbc.sql("UPDATE exchange_queue SET sent_at = CURRENT_TIMESTAMP(3), attempts = attempts + 1, last_error = NULL WHERE seq = ?")
                        .param(seq).update();
                sent++;
            } else {
                int attempts = ((Number) row.get("attempts")).intValue() + 1;
                long delayMs = Math.min(properties.backoffMax().toMillis(), properties.backoffBase().toMillis() << Math.min(20, attempts - 1));
                jdbc.sql("""
                        UPDATE exchange_queue SET attempts = ?, last_error = ?,
                          next_attempt_at = CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND WHERE seq = ?""")
                        .params(attempts, failure.length() > 500 ? failure.substring(0, 500) : failure, delayMs * 1000, seq).update();
                break;
            }
        }
        return sent;
    }

    /** null when the upstream accepted the record, else why not. */
    private String post(ExchangeProperties.Upstream upstream, String body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.url()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-OneHall-Timestamp", timestamp)
                .header("X-OneHall-Signature", "sha256=" + sign(upstream.secret(), timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Status> status() {
        return properties.upstreams().stream().map(u -> jdbc.sql("""
                SELECT SUM(sent_at IS NULL), COALESCE(TIMESTAMPDIFF(MICROSECOND, MIN(CASE WHEN sent_at IS NULL THEN created_at END), CURRENT_TIMESTAMP(3)), 0),
                       SUM(sent_at IS NOT NULL),
                       (SELECT last_error FROM exchange_queue WHERE upstream = ? AND sent_at IS NULL ORDER BY seq LIMIT 1)
                FROM exchange_queue WHERE upstream = ?""").params(u.name(), u.name())
                .query((rs, n) -> new Status(u.name(), rs.getLong(1), rs.getLong(2) / 1_000_000.0, rs.getLong(3), rs.getString(4))).single()).toList();
    }

    private void refreshLag(String upstream) {
        try {
            Double seconds = jdbc.sql("""
                    SELECT COALESCE(TIMESTAMPDIFF(MICROSECOND, MIN(created_at), CURRENT_TIMESTAMP(3)), 0) / 1000000
                    FROM exchange_queue WHERE upstream = ? AND sent_at IS NULL""").param(upstream).query(Double.class).single();
            lag.put(upstream, seconds == null ? 0 : seconds);
        } catch (RuntimeException e) {
            lag.put(upstream, Double.NaN);
        }
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
