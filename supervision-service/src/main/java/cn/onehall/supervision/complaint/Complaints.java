package cn.onehall.supervision.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.starter.calendar.WorkingDayCalendar;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.supervision.config.SupervisionProperties;

/** 投诉 / 曝光纠错: filed anonymously, routed to a department, answered by it within working days the card scan watches. */
@Service
public class Complaints {

    public record Draft(String category, String regionCode, String departmentCode, String itemCode, String caseNumber, String content) {
    }

    /** What the department sees. */
    public record Complaint(String complaintNumber, String category, String regionCode, String departmentCode, String itemCode,
                            String caseNumber, String content, Instant receivedAt, LocalDate responseDue, String status,
                            String publicReply, Instant respondedAt) {
    }

    /** What everyone sees of a handled complaint: no content (it may name people), the department's public reply. */
    public record Handled(String complaintNumber, String category, String regionCode, String departmentCode, String itemCode,
                          Instant receivedAt, Instant respondedAt, String publicReply) {
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final SupervisionProperties properties;

    public Complaints(JdbcClient jdbc, WorkingDayCalendar calendar, Clock clock, SupervisionProperties properties) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.clock = clock;
        this.properties = properties;
    }

    /** Files a complaint; the same Idempotency-Key returns the complaint filed first. */
    @Transactional
    public Complaint file(Draft d, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Complaint> earlier = jdbc.sql("SELECT * FROM complaint WHERE idempotency_key = ?").param(idempotencyKey).query(Complaints::map).optional();
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String department = route(d);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate due = calendar.addWorkingDays(now.atZone(properties.zone()).toLocalDate(), properties.complaintResponseWorkingDays());
        String number = "TS" + now.atZone(properties.zone()).toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE)
                + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36 * 36), 36).toUpperCase();
        jdbc.sql("""
                INSERT INTO complaint (complaint_number, category, region_code, department_code, item_code, case_number, content, received_at,
                  response_due, status, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(number, d.category(), d.regionCode(), department, d.itemCode(), d.caseNumber(), d.content(), text(now), due, idempotencyKey)
                .update();
        return find(number).orElseThrow();
    }

    /**
     * The department: the one named, else the case's, else the item's; it must work in the complaint's region subtree.
     */
    private String route(Draft d) {
        String department = d.departmentCode();
        String region = null;
        if (department == null && d.caseNumber() != null) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT department_code, region_code FROM case_view WHERE case_number = ?").param(d.caseNumber())
                    .query().listOfRows();
            if (!rows.isEmpty()) {
                department = (String) rows.getFirst().get("department_code");
                region = (String) rows.getFirst().get("region_code");
            }
        }
        if (department == null && d.itemCode() != null) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT department_code, region_code FROM item_view WHERE item_code = ?").param(d.itemCode()).query().listOfRows();
            if (!rows.isEmpty()) {
                department = (String) rows.getFirst().get("department_code");
                region = (String) rows.getFirst().get("region_code");
            }
        }
        if (department == null) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "COMPLAINT_UNROUTABLE",
                    "Name the department, or an item or case supervision knows, so the complaint reaches someone who must answer");
        }
        if (region != null && !RegionCode.contains(d.regionCode(), region)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "COMPLAINT_UNROUTABLE", "The item or case is not of this region");
        }
        return department;
    }

    public Optional<Complaint> find(String number) {
        return jdbc.sql("SELECT * FROM complaint WHERE complaint_number = ?").param(number).query(Complaints::map).optional();
    }

    /** The department answers; the reply is published with the handled complaint. */
    @Transactional
    public Complaint respond(String number, String department, String publicReply) {
        Complaint c = jdbc.sql("SELECT * FROM complaint WHERE complaint_number = ? FOR UPDATE").param(number).query(Complaints::map).optional()
                .filter(found -> department == null || found.departmentCode().equals(department))
                .orElseThrow(() -> ProblemException.notFound("complaint"));
        if (!"OPEN".equals(c.status())) {
            throw ProblemException.conflict("COMPLAINT_HANDLED", "The complaint has been answered already");
        }
        jdbc.sql("UPDATE complaint SET status = 'HANDLED', public_reply = ?, responded_at = ? WHERE complaint_number = ?")
                .params(publicReply, text(clock.instant()), number).update();
        return find(number).orElseThrow();
    }

    public List<Map<String, Object>> page(String regionPrefix, String department, String status, Long cursor, int limit, boolean publicView) {
        StringBuilder sql = new StringBuilder("SELECT * FROM complaint WHERE 1 = 1");
        Map<String, Object> p = new LinkedHashMap<>();
        if (regionPrefix != null) {
            sql.append(" AND region_code LIKE :prefix");
            p.put("prefix", regionPrefix + "%");
        }
        if (department != null) {
            sql.append(" AND department_code = :department");
            p.put("department", department);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            p.put("status", status);
        }
        if (cursor != null) {
            sql.append(" AND seq < :cursor");
            p.put("cursor", cursor);
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        p.put("limit", limit + 1);
        return jdbc.sql(sql.toString()).params(p).query((rs, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", rs.getLong("seq"));
            Complaint c = map(rs, n);
            row.put("item", publicView ? new Handled(c.complaintNumber(), c.category(), c.regionCode(), c.departmentCode(), c.itemCode(),
                    c.receivedAt(), c.respondedAt(), c.publicReply()) : c);
            return row;
        }).list();
    }

    static Complaint map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        LocalDateTime responded = rs.getObject("responded_at", LocalDateTime.class);
        return new Complaint(rs.getString("complaint_number"), rs.getString("category"), rs.getString("region_code"), rs.getString("department_code"),
                rs.getString("item_code"), rs.getString("case_number"), rs.getString("content"),
                rs.getObject("received_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getObject("response_due", LocalDate.class),
                rs.getString("status"), rs.getString("public_reply"), responded == null ? null : responded.toInstant(ZoneOffset.UTC));
    }

    private static String text(Instant at) {
        return UTC.format(at.atOffset(ZoneOffset.UTC));
    }
}
