package cn.onehall.starter.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The append-only, tamper-evident audit log (审计日志) every service writes its decisions and its reads of someone
 * else's personal data to.
 *
 * <p>Each row's {@code hash} is SHA-256 over the previous row's hash and the row's canonical content, so changing,
 * removing or inserting a row breaks the chain from there on ({@link #verifyChain}). Appenders serialise on the
 * single {@code audit_chain_head} row; the lock is held until the caller's transaction ends, so call {@link #record}
 * last in a transaction, after the business rows are written.
 *
 * <p>{@code details} is for small, non-personal facts (status codes, reasons, counts, ids of records): never ID
 * numbers, phone numbers, names or addresses. Logs and audit records never hold personal data in clear.
 */
public class AuditLog {

    public static final String SYSTEM_SUBJECT = "system";
    static final String GENESIS = "0".repeat(64);
    static final int MAX_DETAILS_CHARS = 4000;
    private static final int VERIFY_BATCH = 500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String service;
    private final TransactionTemplate joinOrOwn;
    private final TransactionTemplate own;

    public AuditLog(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions, String service) {
        this.jdbc = jdbc;
        this.json = json;
        this.service = service;
        this.joinOrOwn = new TransactionTemplate(transactions);
        this.joinOrOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Appends one entry. Inside a transaction it joins it, so the entry commits or rolls back with the decision it
     * records; outside one it commits on its own. A read-only transaction cannot write, so there (typically a read of
     * personal data) the entry commits in a transaction of its own: the read is recorded even if the caller fails later.
     *
     * @return the entry's seq
     */
    public long record(String action, String resourceType, String resourceId, Outcome outcome, Map<String, ?> details) {
        require(action, "action", 100, true);
        require(resourceType, "resourceType", 100, false);
        require(resourceId, "resourceId", 100, false);
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required");
        }
        String detailsJson = details == null || details.isEmpty() ? null : canonicalJson(json.valueToTree(details));
        if (detailsJson != null && detailsJson.length() > MAX_DETAILS_CHARS) {
            throw new IllegalArgumentException("audit details must stay small (at most " + MAX_DETAILS_CHARS + " characters)");
        }
        Row draft = new Row(0, Instant.ofEpochMilli(System.currentTimeMillis()), actor(), action, blankToNull(resourceType), blankToNull(resourceId),
                outcome.name(), detailsJson, MDC.get("traceId"), null, null);
        TransactionTemplate tx = TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? own : joinOrOwn;
        Long seq = tx.execute(status -> append(draft));
        return seq == null ? 0 : seq;
    }

    private long append(Row draft) {
        // A locking read sees the latest committed head whatever the transaction's snapshot, and waits for other appenders.
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
        long seq = head.lastSeq() + 1; // gapless: a rolled-back append rolls the head back too
        Row row = draft.chained(seq, head.lastHash(), null);
        row = row.chained(seq, head.lastHash(), hash(row));
        Actor a = row.actor();
        jdbc.sql("""
                        INSERT INTO audit_log (seq, occurred_at, actor_subject, actor_username, actor_client, actor_roles, actor_region,
                          actor_department, action, resource_type, resource_id, outcome, details, trace_id, prev_hash, hash)
                        VALUES (?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, epochSeconds(row.occurredAt()), a.subject(), a.username(), a.client(), a.roles(), a.region(),
                        a.department(), row.action(), row.resourceType(), row.resourceId(), row.outcome(), row.details(),
                        row.traceId(), row.prevHash(), row.hash())
                .update();
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, row.hash()).update();
        return seq;
    }

    /**
     * Recomputes up to {@code limit} entries from {@code fromSeq} on and checks that each links to the one before.
     *
     * @return the seq of the first entry whose content, hash or link does not match (or that is missing from the end
     *         of the log), or empty when all do
     */
    public OptionalLong verifyChain(long fromSeq, int limit) {
        // Read first: rows appended while we verify are then newer than this head, never missing from it.
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
        long lastSeen = Math.max(fromSeq, 1) - 1;
        String expectedPrev = jdbc.sql("SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1")
                .param(fromSeq).query(String.class).optional().orElse(GENESIS);
        long next = fromSeq;
        int remaining = limit;
        while (remaining > 0) {
            List<Row> rows = jdbc.sql(SELECT + " WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .params(next, Math.min(VERIFY_BATCH, remaining)).query(this::row).list();
            for (Row row : rows) {
                if (!row.prevHash().equals(expectedPrev) || !row.hash().equals(hash(row))) {
                    return OptionalLong.of(row.seq());
                }
                expectedPrev = row.hash();
                lastSeen = row.seq();
            }
            if (rows.size() < Math.min(VERIFY_BATCH, remaining)) {
                // The end of the log: newest rows deleted would leave no broken link behind, but the head remembers them.
                if (lastSeen < head.lastSeq() || lastSeen == head.lastSeq() && !expectedPrev.equals(head.lastHash())) {
                    return OptionalLong.of(lastSeen < head.lastSeq() ? lastSeen + 1 : lastSeen);
                }
                break;
            }
            remaining -= rows.size();
            next = rows.getLast().seq() + 1;
        }
        return OptionalLong.empty();
    }

    /** Entries matching the query, newest first. Callers enforce who may read what (see {@link AuditController}). */
    public AuditPage find(AuditQuery q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        filter(sql, params, "resource_type = :resourceType", "resourceType", q.resourceType());
        filter(sql, params, "resource_id = :resourceId", "resourceId", q.resourceId());
        filter(sql, params, "actor_subject = :actorSubject", "actorSubject", q.actorSubject());
        filter(sql, params, "action = :action", "action", q.action());
        filter(sql, params, "occurred_at >= FROM_UNIXTIME(:from)", "from", q.from() == null ? null : epochSeconds(q.from()));
        filter(sql, params, "occurred_at < FROM_UNIXTIME(:to)", "to", q.to() == null ? null : epochSeconds(q.to()));
        // The prefix is digits from a validated region code, so it cannot carry LIKE wildcards.
        filter(sql, params, "actor_region LIKE CONCAT(:region, '%')", "region", q.actorRegionPrefix());
        filter(sql, params, "seq < :cursor", "cursor", q.cursor());
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        params.put("limit", q.limit() + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(this::row).list();
        boolean more = rows.size() > q.limit();
        List<AuditEntry> items = rows.stream().limit(q.limit()).map(this::entry).toList();
        return new AuditPage(items, more ? items.getLast().seq() : null);
    }

    private static void filter(StringBuilder sql, Map<String, Object> params, String condition, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }
    }

    private Actor actor() {
        return CurrentUser.current()
                .map(u -> new Actor(u.subject(), u.username(), u.clientId(), u.roles().isEmpty() ? null : String.join(",", new TreeSet<>(u.roles())),
                        u.region(), u.department()))
                .orElseGet(() -> new Actor(SYSTEM_SUBJECT, service, service, null, null, null));
    }

    /** SHA-256 over the previous hash and a JSON array of the row's fields: unambiguous, whatever the fields contain. */
    String hash(Row row) {
        ArrayNode content = NODES.arrayNode();
        Actor a = row.actor();
        content.add(row.seq()).add(row.occurredAt().toEpochMilli()).add(a.subject()).add(a.username()).add(a.client())
                .add(a.roles()).add(a.region()).add(a.department()).add(row.action()).add(row.resourceType()).add(row.resourceId())
                .add(row.outcome()).add(row.details() == null ? NODES.nullNode() : sorted(json.readTree(row.details())))
                .add(row.traceId());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(row.prevHash().getBytes(StandardCharsets.US_ASCII));
            sha.update(json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys sorted, no whitespace: MySQL 8 re-formats JSON columns, so the hash must not depend on the stored text. */
    private String canonicalJson(JsonNode node) {
        return json.writeValueAsString(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            new TreeSet<>(node.propertyNames()).forEach(k -> out.set(k, sorted(node.get(k))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }

    private static final String SELECT = """
            SELECT seq, UNIX_TIMESTAMP(occurred_at) AS occurred, actor_subject, actor_username, actor_client, actor_roles, actor_region,
              actor_department, action, resource_type, resource_id, outcome, details, trace_id, prev_hash, hash FROM audit_log""";

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("seq"), Instant.ofEpochMilli(rs.getBigDecimal("occurred").movePointRight(3).longValue()),
                new Actor(rs.getString("actor_subject"), rs.getString("actor_username"), rs.getString("actor_client"),
                        rs.getString("actor_roles"), rs.getString("actor_region"), rs.getString("actor_department")),
                rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("outcome"),
                rs.getString("details"), rs.getString("trace_id"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private AuditEntry entry(Row r) {
        Actor a = r.actor();
        return new AuditEntry(r.seq(), r.occurredAt(), a.subject(), a.username(), a.client(),
                a.roles() == null ? List.of() : new ArrayList<>(Arrays.asList(a.roles().split(","))), a.region(), a.department(),
                r.action(), r.resourceType(), r.resourceId(), Outcome.valueOf(r.outcome()),
                r.details() == null ? null : json.readTree(r.details()), r.traceId(), r.prevHash(), r.hash());
    }

    /** Epoch seconds with milliseconds for FROM_UNIXTIME: Connector/J drops the millis of a bound Timestamp on MariaDB. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static void require(String value, String name, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new IllegalArgumentException(name + " is required");
            }
            return;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record Actor(String subject, String username, String client, String roles, String region, String department) {
    }

    record Row(long seq, Instant occurredAt, Actor actor, String action, String resourceType, String resourceId, String outcome,
               String details, String traceId, String prevHash, String hash) {

        Row chained(long newSeq, String prev, String newHash) {
            return new Row(newSeq, occurredAt, actor, action, resourceType, resourceId, outcome, details, traceId, prev, newHash);
        }
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
