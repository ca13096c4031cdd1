package cn.onehall.application.cases;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cases in {@code application_case}. Times are written as epoch seconds through FROM_UNIXTIME (ADR 0002: Connector/J
 * drops the milliseconds of a bound Timestamp on MariaDB). Every state change goes through {@link #update}, which checks
 * the version the caller read (optimistic locking) and keeps the worklist routing in step.
 */
@Repository
public class CaseRepository {

    public static final LocalDate NO_DUE_DATE = LocalDate.of(9999, 12, 31);

    static final RowMapper<ApplicationCase> ROW = CaseRepository::row;

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertDraft(ApplicationCase c) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO application_case (item_code, item_version, item_name, bundle_code, region_code, department_code,
                          department_name, power_type, online_depth, item_visits, pre_review, promised_value, promised_unit, guide_fee,
                          issues_licence_type, channel, status, holder_type, holder_ref, agent_ref, applicant_name, contact_phone,
                          created_by, form_json, external_client, external_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.itemCode(), c.itemVersion(), c.itemName(), c.bundleCode(), c.regionCode(), c.departmentCode(),
                        c.departmentName(), c.powerType(), c.onlineDepth(), c.itemVisits(), c.preReview(), c.promisedValue(),
                        c.promisedUnit(), c.guideFee(), c.issuesLicenceType(), c.channel().name(), c.status().name(), c.holderType(),
                        c.holderRef(), c.agentRef(), c.applicantName(), c.contactPhone(), c.createdBy(), c.formJson(),
                        c.externalClient(), c.externalId())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<ApplicationCase> find(long id) {
        return jdbc.sql("SELECT * FROM application_case WHERE id = ?").param(id).query(ROW).optional();
    }

    /** The row locked for the rest of the transaction: concurrent acts on one case queue up behind it. */
    public Optional<ApplicationCase> lock(long id) {
        return jdbc.sql("SELECT * FROM application_case WHERE id = ? FOR UPDATE").param(id).query(ROW).optional();
    }

    public Optional<ApplicationCase> findByNumber(String caseNumber) {
        return jdbc.sql("SELECT * FROM application_case WHERE case_number = ?").param(caseNumber).query(ROW).optional();
    }

    public Optional<ApplicationCase> findByExternalId(String client, String externalId) {
        return jdbc.sql("SELECT * FROM application_case WHERE external_client = ? AND external_id = ?").params(client, externalId)
                .query(ROW).optional();
    }

    public Optional<ApplicationCase> findBySubmissionKey(String createdBy, String key) {
        return jdbc.sql("SELECT * FROM application_case WHERE created_by = ? AND submission_key = ?").params(createdBy, key).query(ROW).optional();
    }

    public Optional<ApplicationCase> findByCreationKey(String createdBy, String key) {
        return jdbc.sql("SELECT * FROM application_case WHERE created_by = ? AND creation_key = ?").params(createdBy, key).query(ROW).optional();
    }

    public void setCreationKey(long id, String key) {
        jdbc.sql("UPDATE application_case SET creation_key = ? WHERE id = ?").params(key, id).update();
    }

    /** A new case number: unique under any concurrency, gaps allowed (a rolled-back submission burns its value). */
    public long nextCaseSequence() {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO case_number_sequence () VALUES ()").update(keys, "value");
        return keys.getKey().longValue();
    }

    /**
     * Writes the given columns if the case is still at {@code expectedVersion}, bumps the version and re-routes the
     * worklist rows.
     *
     * @return false when someone else changed the case first
     */
    public boolean update(ApplicationCase current, Map<String, Object> changes) {
        StringBuilder sql = new StringBuilder("UPDATE application_case SET version = version + 1");
        List<Object> params = new ArrayList<>();
        changes.forEach((column, value) -> {
            if (value instanceof Instant instant) {
                sql.append(", ").append(column).append(" = FROM_UNIXTIME(?)");
                params.add(BigDecimal.valueOf(instant.toEpochMilli(), 3));
            } else {
                sql.append(", ").append(column).append(" = ?");
                params.add(value instanceof Enum<?> e ? e.name() : value);
            }
        });
        sql.append(" WHERE id = ? AND version = ?");
        params.add(current.id());
        params.add(current.version());
        if (jdbc.sql(sql.toString()).params(params).update() != 1) {
            return false;
        }
        ApplicationCase after = find(current.id()).orElseThrow();
        jdbc.sql("UPDATE case_routing SET case_status = ?, sort_due = ? WHERE case_id = ?")
                .params(after.status().name(), after.dueDate() == null ? NO_DUE_DATE : after.dueDate(), after.id()).update();
        return true;
    }

    public void route(ApplicationCase c, String departmentCode) {
        jdbc.sql("INSERT IGNORE INTO case_routing (case_id, department_code, case_status, sort_due) VALUES (?, ?, ?, ?)")
                .params(c.id(), departmentCode, c.status().name(), c.dueDate() == null ? NO_DUE_DATE : c.dueDate()).update();
    }

    public boolean routedTo(long caseId, String departmentCode) {
        return jdbc.sql("SELECT COUNT(*) FROM case_routing WHERE case_id = ? AND department_code = ?").params(caseId, departmentCode)
                .query(Integer.class).single() > 0;
    }

    public void timeline(long caseId, Instant at, String action, CaseStatus status, String actorRole, String department, String note) {
        jdbc.sql("INSERT INTO case_timeline (case_id, occurred_at, action, status, actor_role, department_code, note) VALUES (?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?)")
                .params(caseId, BigDecimal.valueOf(at.toEpochMilli(), 3), action, status.name(), actorRole, department, note).update();
    }

    public record TimelineEntry(Instant at, String action, String status, String actorRole, String departmentCode, String note) {
    }

    public List<TimelineEntry> timeline(long caseId) {
        return jdbc.sql("SELECT occurred_at, action, status, actor_role, department_code, note FROM case_timeline WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, n) -> new TimelineEntry(instant(rs, "occurred_at"), rs.getString("action"), rs.getString("status"),
                        rs.getString("actor_role"), rs.getString("department_code"), rs.getString("note")))
                .list();
    }

    /** Keyset page of one holder's cases and drafts, newest first. */
    public List<ApplicationCase> ofHolder(String holderRef, Long beforeId, int limit) {
        return jdbc.sql("SELECT * FROM application_case WHERE holder_ref = ? AND id < ? ORDER BY id DESC LIMIT ?")
                .params(holderRef, beforeId == null ? Long.MAX_VALUE : beforeId, limit).query(ROW).list();
    }

    /**
     * The officers' worklist: cases routed to the department, in the given states, due by {@code dueBy}, ordered by due
     * date then id (keyset after {@code afterDue}/{@code afterId}); one range of {@code ix_worklist}.
     */
    public List<ApplicationCase> worklist(String departmentCode, List<CaseStatus> statuses, LocalDate dueBy, LocalDate afterDue, long afterId,
                                          int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("dept", departmentCode);
        params.put("statuses", statuses.stream().map(Enum::name).toList());
        params.put("dueBy", dueBy == null ? NO_DUE_DATE : dueBy);
        params.put("afterDue", afterDue == null ? LocalDate.of(1, 1, 1) : afterDue);
        params.put("afterId", afterId);
        params.put("limit", limit);
        return jdbc.sql("""
                        SELECT c.* FROM case_routing r JOIN application_case c ON c.id = r.case_id
                        WHERE r.department_code = :dept AND r.case_status IN (:statuses) AND r.sort_due <= :dueBy
                          AND (r.sort_due > :afterDue OR (r.sort_due = :afterDue AND r.case_id > :afterId))
                        ORDER BY r.sort_due, r.case_id LIMIT :limit""")
                .params(params).query(ROW).list();
    }

    private static ApplicationCase row(ResultSet rs, int n) throws SQLException {
        return new ApplicationCase(rs.getLong("id"), rs.getString("case_number"), rs.getString("query_code"), rs.getString("item_code"),
                rs.getInt("item_version"), rs.getString("item_name"), rs.getString("bundle_code"), rs.getString("region_code"),
                rs.getString("department_code"), rs.getString("department_name"), rs.getString("power_type"),
                (Integer) rs.getObject("online_depth", Integer.class), rs.getObject("item_visits", Integer.class), rs.getBoolean("pre_review"),
                rs.getObject("promised_value", Integer.class), rs.getString("promised_unit"), rs.getBigDecimal("guide_fee"),
                rs.getString("issues_licence_type"), Channel.valueOf(rs.getString("channel")), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("status_before") == null ? null : CaseStatus.valueOf(rs.getString("status_before")),
                rs.getString("holder_type"), rs.getString("holder_ref"), rs.getString("agent_ref"), rs.getString("applicant_name"),
                rs.getString("contact_phone"), rs.getString("created_by"), rs.getString("form_json"), rs.getString("submission_key"),
                rs.getString("external_client"), rs.getString("external_id"), instant(rs, "submitted_at"), instant(rs, "accepted_at"),
                date(rs, "accepted_on"), instant(rs, "decided_at"), instant(rs, "completed_at"), date(rs, "due_date"),
                rs.getInt("suspended_days"), date(rs, "suspended_on"), rs.getString("suspension_kind"), rs.getInt("extension_days"),
                rs.getInt("visits"), rs.getInt("correction_notices"), rs.getBigDecimal("fee_charged"), rs.getBoolean("missing_required"),
                rs.getString("decision_reason"), rs.getString("delivery_method"), rs.getString("tracking_number"), rs.getString("licence_id"),
                rs.getString("licence_identifier"), rs.getInt("version"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
