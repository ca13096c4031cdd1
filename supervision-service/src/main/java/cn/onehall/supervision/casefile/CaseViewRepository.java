package cn.onehall.supervision.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** case_view and the counters the consumer keeps beside it. */
@Repository
public class CaseViewRepository {

    private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String COLUMNS = Stream.of(Counter.values()).map(Counter::column).collect(Collectors.joining(", "));
    private static final String UPSERT_MONTH = "INSERT INTO case_month (region_code, department_code, item_code, month, " + COLUMNS
            + ") VALUES (?, ?, ?, ?, " + Stream.of(Counter.values()).map(c -> "?").collect(Collectors.joining(", "))
            + ") ON DUPLICATE KEY UPDATE " + Stream.of(Counter.values()).map(c -> c.column() + " = " + c.column() + " + VALUES(" + c.column() + ")")
            .collect(Collectors.joining(", "));

    private final JdbcClient jdbc;

    public CaseViewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case's row, locked for the rest of the transaction (events of one case are applied one at a time). */
    public Optional<CaseView> lock(String caseNumber) {
        return jdbc.sql("SELECT * FROM case_view WHERE case_number = ? FOR UPDATE").param(caseNumber).query(CaseViewRepository::map).optional();
    }

    public Optional<CaseView> find(String caseNumber) {
        return jdbc.sql("SELECT * FROM case_view WHERE case_number = ?").param(caseNumber).query(CaseViewRepository::map).optional();
    }

    public List<CaseView> findAll(List<String> caseNumbers) {
        if (caseNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM case_view WHERE case_number IN (:numbers)").param("numbers", caseNumbers).query(CaseViewRepository::map).list();
    }

    /** Writes the whole row and marks it for the card scan. */
    public void save(CaseView v) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("case_number", v.caseNumber());
        p.put("item_code", v.itemCode());
        p.put("item_version", v.itemVersion());
        p.put("bundle_code", v.bundleCode());
        p.put("region_code", v.regionCode());
        p.put("department_code", v.departmentCode());
        p.put("power_type", v.powerType());
        p.put("online_depth", v.onlineDepth());
        p.put("item_visits", v.itemVisits());
        p.put("channel", v.channel());
        p.put("status", v.status());
        p.put("last_type", v.lastType());
        p.put("last_occurred_ms", v.lastOccurredMs());
        p.put("submitted_at", text(v.submittedAt()));
        p.put("accepted_at", text(v.acceptedAt()));
        p.put("decided_at", text(v.decidedAt()));
        p.put("completed_at", text(v.completedAt()));
        p.put("suspended_since", v.suspendedSince());
        p.put("promised_value", v.promisedValue());
        p.put("promised_unit", v.promisedUnit());
        p.put("due_date", v.dueDate());
        p.put("suspended_days", v.suspendedDays());
        p.put("visits", v.visits());
        p.put("correction_notices", v.correctionNotices());
        p.put("fee_charged", v.feeCharged());
        p.put("guide_fee", v.guideFee());
        p.put("missing_required", v.missingRequired());
        p.put("issues_licence_type", v.issuesLicenceType());
        p.put("evaluation_level", v.evaluationLevel());
        p.put("evaluated_ms", v.evaluatedMs());
        p.put("bad_review_at", text(v.badReviewAt()));
        p.put("rectification_due", v.rectificationDue());
        p.put("rectified_at", text(v.rectifiedAt()));
        String columns = String.join(", ", p.keySet());
        String values = p.keySet().stream().map(k -> ":" + k).collect(Collectors.joining(", "));
        String updates = p.keySet().stream().filter(k -> !k.equals("case_number")).map(k -> k + " = VALUES(" + k + ")")
                .collect(Collectors.joining(", "));
        jdbc.sql("INSERT INTO case_view (" + columns + ", dirty) VALUES (" + values + ", TRUE) ON DUPLICATE KEY UPDATE " + updates + ", dirty = TRUE")
                .params(p).update();
    }

    public void addToMonths(CaseView v, Map<String, long[]> delta) {
        delta.forEach((month, d) -> {
            Object[] args = new Object[4 + d.length];
            args[0] = v.regionCode();
            args[1] = v.departmentCode();
            args[2] = v.itemCode();
            args[3] = month;
            for (int i = 0; i < d.length; i++) {
                args[4 + i] = d[i];
            }
            jdbc.sql(UPSERT_MONTH).params(args).update();
        });
    }

    /** The item as this case saw it, unless a later event already said more or the catalogue's guide is known. */
    public void seeItem(CaseView v) {
        jdbc.sql("""
                INSERT INTO item_view (item_code, region_code, department_code, power_type, online_depth, item_visits, issues_licence_type, guide_complete, seen_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE
                  guide_complete = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(guide_complete), guide_complete),
                  region_code = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(region_code), region_code),
                  department_code = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(department_code), department_code),
                  power_type = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(power_type), power_type),
                  online_depth = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(online_depth), online_depth),
                  item_visits = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(item_visits), item_visits),
                  issues_licence_type = IF(source = 'CASE' AND VALUES(seen_ms) >= seen_ms, VALUES(issues_licence_type), issues_licence_type),
                  seen_ms = GREATEST(seen_ms, VALUES(seen_ms))""")
                .params(v.itemCode(), v.regionCode(), v.departmentCode(), v.powerType(), v.onlineDepth(), v.itemVisits(),
                        v.issuesLicenceType(), v.promisedValue() != null && v.guideFee() != null && v.onlineDepth() != null
                                && v.itemVisits() != null && v.powerType() != null, v.lastOccurredMs())
                .update();
        if (v.issuesLicenceType() != null) {
            jdbc.sql("""
                    INSERT INTO licence_type_view (type_code, region_code, department_code, expected) VALUES (?, ?, ?, TRUE)
                    ON DUPLICATE KEY UPDATE expected = TRUE, region_code = VALUES(region_code), department_code = VALUES(department_code)""")
                    .params(v.issuesLicenceType(), v.regionCode(), v.departmentCode()).update();
        }
    }

    static String text(Instant at) {
        return at == null ? null : UTC_TEXT.format(at.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static CaseView map(ResultSet rs, int n) throws SQLException {
        return new CaseView(rs.getString("case_number"), rs.getString("item_code"), integer(rs, "item_version"), rs.getString("bundle_code"),
                rs.getString("region_code"), rs.getString("department_code"), rs.getString("power_type"), integer(rs, "online_depth"),
                integer(rs, "item_visits"), rs.getString("channel"), rs.getString("status"), rs.getString("last_type"),
                rs.getLong("last_occurred_ms"), instant(rs, "submitted_at"), instant(rs, "accepted_at"), instant(rs, "decided_at"),
                instant(rs, "completed_at"), rs.getObject("suspended_since", LocalDate.class), integer(rs, "promised_value"),
                rs.getString("promised_unit"), rs.getObject("due_date", LocalDate.class), rs.getInt("suspended_days"), rs.getInt("visits"),
                rs.getInt("correction_notices"), rs.getBigDecimal("fee_charged"), rs.getBigDecimal("guide_fee"),
                rs.getBoolean("missing_required"), rs.getString("issues_licence_type"), rs.getString("evaluation_level"),
                longOrNull(rs, "evaluated_ms"), instant(rs, "bad_review_at"), rs.getObject("rectification_due", LocalDate.class),
                instant(rs, "rectified_at"));
    }
}
