package cn.onehall.supervision.card;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.events.EventPublisher;
import cn.onehall.supervision.card.CardRules.Verdict;
import cn.onehall.supervision.casefile.CaseView;
import cn.onehall.supervision.casefile.CaseViewRepository;
import cn.onehall.supervision.config.SupervisionProperties;

/**
 * One pass of the card scan: every case that changed since it was last looked at (dirty) and every case whose
 * next check day has come, in batches. For each, the cards it deserves today are compared with its active cards:
 * missing ones are raised, undeserved ones cleared, each with its event (card-raised / card-cleared) in the same
 * transaction. The batch's case rows are locked (READ COMMITTED, no gap locks) so a case event arriving meanwhile
 * waits and leaves the case dirty for the next pass.
 */
@Component
public class CardScan {

    public static final String RAISED = "cn.onehall.supervision.card-raised";
    public static final String CLEARED = "cn.onehall.supervision.card-cleared";
    private static final Logger log = LoggerFactory.getLogger(CardScan.class);

    public record Result(int cases, int raised, int cleared, int failed) {
    }

    private final JdbcClient jdbc;
    private final CardRules rules;
    private final CardThresholds thresholds;
    private final EventPublisher events;
    private final Clock clock;
    private final SupervisionProperties properties;
    private final TransactionTemplate tx;

    public CardScan(JdbcClient jdbc, CardRules rules, CardThresholds thresholds, EventPublisher events, Clock clock,
                    SupervisionProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.thresholds = thresholds;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.tx.setName("supervision-card-scan");
    }

    /** Scans until nothing is due; synchronized so a direct call and the schedule never overlap in one instance. */
    public synchronized Result scanOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = now.atZone(properties.zone()).toLocalDate();
        CardThresholds.Resolver threshold = thresholds.load();
        int[] totals = new int[4];
        for (String which : List.of("dirty = TRUE", "next_check_on <= :today")) {
            String after = "";
            while (true) {
                String from = after;
                Batch batch = tx.execute(status -> scanBatch(which, from, today, now, threshold));
                totals[0] += batch.cases();
                totals[1] += batch.raised();
                totals[2] += batch.cleared();
                totals[3] += batch.failed();
                if (batch.cases() < properties.scanBatch()) {
                    break;
                }
                after = batch.last();
            }
        }
        int[] complaints = tx.execute(status -> complaints(today, now));
        return new Result(totals[0], totals[1] + complaints[0], totals[2] + complaints[1], totals[3]);
    }

    /** Complaints past their response deadline get a red card; an answer clears it. Few rows: open ones are answered within days. */
    private int[] complaints(LocalDate today, Instant now) {
        List<Map<String, Object>> late = jdbc.sql("""
                SELECT c.complaint_number, c.region_code, c.department_code, c.item_code FROM complaint c
                WHERE c.status = 'OPEN' AND c.response_due < ?
                  AND NOT EXISTS (SELECT 1 FROM card k WHERE k.active_key = CONCAT('C:', c.complaint_number, '/COMPLAINT_NOT_ANSWERED'))
                FOR UPDATE""").param(today).query().listOfRows();
        for (Map<String, Object> c : late) {
            String number = (String) c.get("complaint_number");
            String cardId = UUID.randomUUID().toString();
            CardRule rule = CardRule.COMPLAINT_NOT_ANSWERED;
            jdbc.sql("""
                    INSERT INTO card (card_id, complaint_number, rule, colour, kind, region_code, department_code, item_code, raised_at, active_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(cardId, number, rule.name(), rule.colour(), rule.kind(), c.get("region_code"), c.get("department_code"), c.get("item_code"),
                            text(now), "C:" + number + "/" + rule.name())
                    .update();
            events.publish(RAISED, number, complaintPayload(cardId, number, (String) c.get("department_code"), (String) c.get("region_code"), now));
        }
        List<Map<String, Object>> answered = jdbc.sql("""
                SELECT k.seq, k.card_id, k.complaint_number, k.region_code, k.department_code, k.raised_at FROM card k
                JOIN complaint c ON c.complaint_number = k.complaint_number
                WHERE k.active_key IS NOT NULL AND k.rule = 'COMPLAINT_NOT_ANSWERED' AND c.status <> 'OPEN' FOR UPDATE""").query().listOfRows();
        for (Map<String, Object> k : answered) {
            jdbc.sql("UPDATE card SET cleared_at = ?, active_key = NULL WHERE seq = ?").params(text(now), k.get("seq")).update();
            Object raised = k.get("raised_at");
            java.time.LocalDateTime local = raised instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (java.time.LocalDateTime) raised;
            Instant raisedAt = local.toInstant(java.time.ZoneOffset.UTC);
            events.publish(CLEARED, (String) k.get("complaint_number"), complaintPayload((String) k.get("card_id"), (String) k.get("complaint_number"),
                    (String) k.get("department_code"), (String) k.get("region_code"), raisedAt));
        }
        return new int[] {late.size(), answered.size()};
    }

    /** The contract's card data; a complaint's card has no case number and names the complaint (complaintNumber, an addition). */
    private static Map<String, Object> complaintPayload(String cardId, String complaint, String department, String region, Instant raisedAt) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        CardRule rule = CardRule.COMPLAINT_NOT_ANSWERED;
        data.put("cardId", cardId);
        data.put("colour", rule.colour());
        data.put("kind", rule.kind());
        data.put("rule", rule.name());
        data.put("caseNumber", null);
        data.put("complaintNumber", complaint);
        data.put("departmentCode", department);
        data.put("regionCode", region);
        data.put("raisedAt", raisedAt.toString());
        return data;
    }

    private record Batch(int cases, int raised, int cleared, int failed, String last) {
    }

    private record Active(long seq, String cardId, CardRule rule, Instant raisedAt) {
    }

    private Batch scanBatch(String which, String after, LocalDate today, Instant now, CardThresholds.Resolver threshold) {
        var query = jdbc.sql("SELECT * FROM case_view WHERE " + which + " AND case_number > :after ORDER BY case_number LIMIT :limit FOR UPDATE")
                .param("after", after).param("limit", properties.scanBatch());
        if (which.contains(":today")) {
            query = query.param("today", today);
        }
        List<CaseView> cases = query.query(CaseViewRepository::map).list();
        if (cases.isEmpty()) {
            return new Batch(0, 0, 0, 0, after);
        }
        Map<String, Map<CardRule, Active>> active = new HashMap<>();
        jdbc.sql("SELECT seq, card_id, case_number, rule, raised_at FROM card WHERE active_key IS NOT NULL AND case_number IN (:numbers)")
                .param("numbers", cases.stream().map(CaseView::caseNumber).toList())
                .query(rs -> {
                    active.computeIfAbsent(rs.getString("case_number"), k -> new EnumMap<>(CardRule.class)).put(CardRule.valueOf(rs.getString("rule")),
                            new Active(rs.getLong("seq"), rs.getString("card_id"), CardRule.valueOf(rs.getString("rule")),
                                    rs.getObject("raised_at", java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC)));
                });
        int raised = 0;
        int cleared = 0;
        int failed = 0;
        List<Object[]> checked = new ArrayList<>();
        for (CaseView v : cases) {
            Verdict verdict;
            try {
                verdict = rules.evaluate(v, today, threshold.of(v.regionCode()));
            } catch (RuntimeException e) { // e.g. no calendar for the year yet: stays dirty, tried again next pass
                failed++;
                log.warn("Card rules for case {} failed, retried next scan: {}", v.caseNumber(), e.toString());
                continue;
            }
            Map<CardRule, Active> has = active.getOrDefault(v.caseNumber(), Map.of());
            // cleared first: a yellow card that turns red is cleared, then the red one raised
            for (Active card : has.values()) {
                if (!verdict.rules().contains(card.rule())) {
                    clear(v, card, now);
                    cleared++;
                }
            }
            for (CardRule rule : verdict.rules()) {
                if (!has.containsKey(rule)) {
                    raise(v, rule, now);
                    raised++;
                }
            }
            checked.add(new Object[] {verdict.nextCheck(), v.caseNumber()});
        }
        for (Object[] row : checked) {
            jdbc.sql("UPDATE case_view SET dirty = FALSE, next_check_on = ? WHERE case_number = ?").params(row).update();
        }
        return new Batch(cases.size(), raised, cleared, failed, cases.getLast().caseNumber());
    }

    private void raise(CaseView v, CardRule rule, Instant now) {
        String cardId = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO card (card_id, case_number, rule, colour, kind, region_code, department_code, item_code, raised_at, active_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(cardId, v.caseNumber(), rule.name(), rule.colour(), rule.kind(), v.regionCode(), v.departmentCode(), v.itemCode(),
                        text(now), v.caseNumber() + "/" + rule.name())
                .update();
        events.publish(RAISED, v.caseNumber(), payload(cardId, rule, v, now));
    }

    private void clear(CaseView v, Active card, Instant now) {
        jdbc.sql("UPDATE card SET cleared_at = ?, active_key = NULL WHERE seq = ?").params(text(now), card.seq()).update();
        events.publish(CLEARED, v.caseNumber(), payload(card.cardId(), card.rule(), v, card.raisedAt()));
    }

    /** The contract's data of both card events (docs/contracts.md). */
    private static Map<String, Object> payload(String cardId, CardRule rule, CaseView v, Instant raisedAt) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("cardId", cardId);
        data.put("colour", rule.colour());
        data.put("kind", rule.kind());
        data.put("rule", rule.name());
        data.put("caseNumber", v.caseNumber());
        data.put("departmentCode", v.departmentCode());
        data.put("regionCode", v.regionCode());
        data.put("raisedAt", raisedAt.toString());
        return data;
    }

    private static String text(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(at.atOffset(java.time.ZoneOffset.UTC));
    }

}
