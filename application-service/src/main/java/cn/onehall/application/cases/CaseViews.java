package cn.onehall.application.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.application.intake.MaterialRepository;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Builds the views of a case; personal data is shown to the holder and the handling officers, masked for supervisors. */
@Component
public class CaseViews {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MaterialRepository materials;
    private final CaseRepository cases;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    CaseViews(MaterialRepository materials, CaseRepository cases, JdbcClient jdbc, JsonMapper json) {
        this.materials = materials;
        this.cases = cases;
        this.jdbc = jdbc;
        this.json = json;
    }

    public CaseView full(ApplicationCase c, CurrentUser viewer) {
        boolean clear = CaseScope.isHolder(viewer, c) || viewer.hasRole("officer") || viewer.hasRole("dept-admin");
        List<CaseView.Subtask> subtasks = jdbc.sql("SELECT department_code, outcome, reason, decided_at FROM case_subtask WHERE case_id = ? ORDER BY department_code")
                .param(c.id()).query((rs, n) -> new CaseView.Subtask(rs.getString("department_code"), rs.getString("outcome"),
                        rs.getString("reason"), time(rs.getTimestamp("decided_at")))).list();
        List<CaseView.Notice> notices = jdbc.sql("SELECT seq, items_json, reason, issued_at, resolved_at FROM correction_notice WHERE case_id = ? ORDER BY seq")
                .param(c.id()).query((rs, n) -> new CaseView.Notice(rs.getInt("seq"),
                        json.readValue(rs.getString("items_json"), new TypeReference<List<Map<String, Object>>>() { }), rs.getString("reason"),
                        time(rs.getTimestamp("issued_at")), time(rs.getTimestamp("resolved_at")))).list();
        return new CaseView(c.id(), c.caseNumber(), c.status(), c.channel(), c.itemCode(), c.itemVersion(), c.itemName(), c.bundleCode(),
                c.regionCode(), c.departmentCode(), c.departmentName(), c.holderType(),
                clear ? c.holderRef() : mask(c), clear ? c.applicantName() : Masking.name(c.applicantName()),
                clear ? c.contactPhone() : Masking.phone(c.contactPhone()), form(c), time(c.submittedAt()), time(c.acceptedAt()),
                time(c.decidedAt()), time(c.completedAt()), c.promisedValue(), c.promisedUnit(), c.dueDate(), c.suspendedDays(),
                c.extensionDays(), c.visits(), c.correctionNotices(), c.guideFee(), c.feeCharged(), c.decisionReason(), c.deliveryMethod(),
                c.trackingNumber(), c.licenceId(), c.licenceIdentifier(), c.version(), materials.ofCase(c.id()), subtasks, notices,
                cases.timeline(c.id()));
    }

    /** A line of a list (my cases, the worklist): no materials or timeline. */
    public CaseView summary(ApplicationCase c, CurrentUser viewer) {
        boolean clear = CaseScope.isHolder(viewer, c) || viewer.hasRole("officer") || viewer.hasRole("dept-admin");
        return new CaseView(c.id(), c.caseNumber(), c.status(), c.channel(), c.itemCode(), c.itemVersion(), c.itemName(), c.bundleCode(),
                c.regionCode(), c.departmentCode(), c.departmentName(), c.holderType(), clear ? c.holderRef() : mask(c),
                clear ? c.applicantName() : Masking.name(c.applicantName()), null, null, time(c.submittedAt()), time(c.acceptedAt()),
                time(c.decidedAt()), time(c.completedAt()), c.promisedValue(), c.promisedUnit(), c.dueDate(), c.suspendedDays(),
                c.extensionDays(), c.visits(), c.correctionNotices(), c.guideFee(), c.feeCharged(), null, c.deliveryMethod(), null,
                c.licenceId(), null, c.version(), null, null, null, null);
    }

    private Map<String, Object> form(ApplicationCase c) {
        return c.formJson() == null ? Map.of() : json.readValue(c.formJson(), new TypeReference<Map<String, Object>>() { });
    }

    private static String mask(ApplicationCase c) {
        return "NATURAL_PERSON".equals(c.holderType()) ? Masking.idNumber(c.holderRef()) : c.holderRef();
    }

    static OffsetDateTime time(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(CHINA).toOffsetDateTime();
    }

    public static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atZone(CHINA).toOffsetDateTime();
    }
}
