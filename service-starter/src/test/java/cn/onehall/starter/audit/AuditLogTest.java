package cn.onehall.starter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.testsupport.TestSchema;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recording, transactions, actor and the hash chain, against the real MariaDB and real Keycloak tokens. */
@SpringBootTest(classes = AuditTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=" + AuditTestApp.SERVICE, "onehall.area=" + AuditTestApp.SERVICE, "onehall.db.schema=unused",
        "onehall.events.enabled=false"})
class AuditLogTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Environment environment;
    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "starter-audit");
    }

    HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int rowsFor(String resourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource_type = 'case' AND resource_id = ?").param(resourceId)
                .query(Integer.class).single();
    }

    @Test
    void anEntryCommitsWithItsTransactionAndRollsBackWithIt() throws Exception {
        String accepted = "C-" + UUID.randomUUID();
        assertThat(post("/api/audit-test/cases/" + accepted + "/accept", Tokens.user("officer-market")).statusCode()).isEqualTo(200);
        assertThat(rowsFor(accepted)).isEqualTo(1);

        long headBefore = head();
        String failed = "C-" + UUID.randomUUID();
        assertThat(post("/api/audit-test/cases/" + failed + "/reject", Tokens.user("officer-market")).statusCode()).isEqualTo(500);
        assertThat(rowsFor(failed)).isZero();
        assertThat(head()).as("the chain head rolls back too, so seq stays gapless").isEqualTo(headBefore);

        long next = auditLog.record("case.accept", "case", failed, Outcome.SUCCESS, null);
        assertThat(next).isEqualTo(headBefore + 1);
        assertThat(auditLog.verifyChain(headBefore, 10)).isEmpty();
    }

    @Test
    void theActorComesFromTheToken() throws Exception {
        String id = "C-" + UUID.randomUUID();
        String token = Tokens.user("officer-market");
        HttpResponse<String> response = post("/api/audit-test/cases/" + id + "/accept", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_log WHERE resource_id = ?").param(id).query().singleRow();
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));

        assertThat(row.get("actor_subject")).isEqualTo(claims.get("sub").asString());
        assertThat(row.get("actor_username")).isEqualTo("officer-market");
        assertThat(row.get("actor_client")).isEqualTo("onehall-dev");
        assertThat(((String) row.get("actor_roles")).split(",")).contains("officer").doesNotContain("supervisor");
        assertThat(row.get("actor_region")).isEqualTo("440781");
        assertThat(row.get("actor_department")).isEqualTo("11440781MB2C00012D");
        assertThat(row.get("action")).isEqualTo("case.accept");
        assertThat(row.get("outcome")).isEqualTo("SUCCESS");
        assertThat(JSON.readTree((String) row.get("details")).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat((String) row.get("hash")).matches("[0-9a-f]{64}");
    }

    @Test
    void backgroundWorkIsRecordedAsTheSystemWithMilliseconds() {
        String id = "C-" + UUID.randomUUID();
        long seq = auditLog.record("case.expire", "case", id, Outcome.FAILED, Map.of("reason", "TIME_LIMIT"));
        AuditEntry entry = auditLog.find(AuditQuery.forResource("case", id, 10)).items().getFirst();
        assertThat(entry.seq()).isEqualTo(seq);
        assertThat(entry.actorSubject()).isEqualTo(AuditLog.SYSTEM_SUBJECT);
        assertThat(entry.actorUsername()).isEqualTo(AuditTestApp.SERVICE);
        assertThat(entry.actorRegion()).isNull();
        assertThat(entry.outcome()).isEqualTo(Outcome.FAILED);
        Long millis = jdbc.sql("SELECT CAST(MOD(UNIX_TIMESTAMP(occurred_at) * 1000, 1000) AS SIGNED) FROM audit_log WHERE seq = ?")
                .param(seq).query(Long.class).single();
        assertThat(millis).isEqualTo(entry.occurredAt().toEpochMilli() % 1000);
    }

    @Test
    void aReadInsideAReadOnlyTransactionIsStillRecorded() {
        String id = "P-" + UUID.randomUUID();
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> auditLog.record("person.read", "case", id, Outcome.SUCCESS, null));
        assertThat(rowsFor(id)).isEqualTo(1);
    }

    @Test
    void theChainVerifiesAndTamperingIsFound() {
        String id = "C-" + UUID.randomUUID();
        long first = auditLog.record("case.accept", "case", id, Outcome.SUCCESS, Map.of("status", "ACCEPTED", "step", 1));
        long middle = auditLog.record("case.decide", "case", id, Outcome.DENIED, Map.of("status", "REJECTED", "nested", Map.of("b", 2, "a", 1)));
        auditLog.record("case.deliver", "case", id, Outcome.SUCCESS, Map.of("status", "DELIVERED"));
        assertThat(auditLog.verifyChain(first, 100)).isEmpty();

        String original = jdbc.sql("SELECT details FROM audit_log WHERE seq = ?").param(middle).query(String.class).single();
        // Test-only tampering: nothing in the application can update the log.
        jdbc.sql("UPDATE audit_log SET details = JSON_OBJECT('status', 'APPROVED') WHERE seq = ?").param(middle).update();
        try {
            assertThat(auditLog.verifyChain(first, 100)).isEqualTo(OptionalLong.of(middle));
        } finally {
            jdbc.sql("UPDATE audit_log SET details = ? WHERE seq = ?").params(original, middle).update();
        }
        assertThat(auditLog.verifyChain(first, 100)).isEmpty();

        // Re-hashing the forged row does not help: the next row no longer links to it.
        jdbc.sql("UPDATE audit_log SET hash = REPEAT('a', 64) WHERE seq = ?").param(middle).update();
        String realHash = jdbc.sql("SELECT prev_hash FROM audit_log WHERE seq = ?").param(middle + 1).query(String.class).single();
        try {
            assertThat(auditLog.verifyChain(first, 100)).isEqualTo(OptionalLong.of(middle));
        } finally {
            jdbc.sql("UPDATE audit_log SET hash = ? WHERE seq = ?").params(realHash, middle).update();
        }
        assertThat(auditLog.verifyChain(first, 100)).isEmpty();
    }

    @Test
    void removingTheNewestEntriesIsFoundToo() {
        String id = "C-" + UUID.randomUUID();
        long first = auditLog.record("case.accept", "case", id, Outcome.SUCCESS, null);
        long last = auditLog.record("case.decide", "case", id, Outcome.SUCCESS, null);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        // Test-only tampering, rolled back: verifyChain joins the transaction and sees the deletion.
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM audit_log WHERE seq = ?").param(last).update();
            assertThat(auditLog.verifyChain(first, 100)).isEqualTo(OptionalLong.of(last));
            status.setRollbackOnly();
        });
        assertThat(auditLog.verifyChain(first, 100)).isEmpty();
    }

    @Test
    void concurrentAppendsKeepOneChain() throws Exception {
        String prefix = "K-" + UUID.randomUUID() + "-";
        int writers = 20;
        CountDownLatch start = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        List<Future<Long>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < writers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    // Half join a caller's transaction, half run in their own.
                    return n % 2 == 0
                            ? tx.execute(s -> auditLog.record("case.accept", "case", prefix + n, Outcome.SUCCESS, Map.of("n", n)))
                            : auditLog.record("case.accept", "case", prefix + n, Outcome.SUCCESS, Map.of("n", n));
                }));
            }
            start.countDown();
            for (Future<Long> f : results) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Map<String, Object>> rows = jdbc.sql("SELECT seq, prev_hash, hash FROM audit_log WHERE resource_id LIKE ? ORDER BY seq")
                .param(prefix + "%").query().listOfRows();
        assertThat(rows).hasSize(writers);
        assertThat(new HashSet<>(rows.stream().map(r -> r.get("prev_hash")).toList())).hasSize(writers);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(((Number) rows.get(i).get("seq")).longValue()).isEqualTo(((Number) rows.get(i - 1).get("seq")).longValue() + 1);
            assertThat(rows.get(i).get("prev_hash")).isEqualTo(rows.get(i - 1).get("hash"));
        }
        assertThat(auditLog.verifyChain(((Number) rows.getFirst().get("seq")).longValue(), writers)).isEmpty();
    }

    long head() {
        return jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).single();
    }
}
