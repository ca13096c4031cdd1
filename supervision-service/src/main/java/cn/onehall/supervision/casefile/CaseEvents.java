package cn.onehall.supervision.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.onehall.starter.calendar.WorkingDayCalendar;
import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;
import cn.onehall.supervision.config.SupervisionProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case event of application-service into the case's supervision view and the monthly counters, in the event's
 * transaction (the starter records the event id first, so a redelivery changes nothing).
 *
 * <p>Order: each event carries the whole case as it stood after the change, so the newest one wins. An event older than
 * what the view already holds (by {@code occurredAt}; on a tie, by how far along the case lifecycle its status is) does
 * not touch the view, except that an older {@code evaluated} event still counts if it is newer than the evaluation held.
 */
@Component
public class CaseEvents implements EventHandler {

    public static final String STREAM = "application-service";
    public static final String PREFIX = "cn.onehall.case.";
    static final Set<String> VERBS = Set.of("submitted", "accepted", "refused", "correction-requested", "resubmitted", "suspended", "resumed",
            "subtask-decided", "approved", "denied", "delivered", "completed", "withdrawn", "evaluated", "visit-recorded");
    private static final Map<String, Integer> RANK = Map.ofEntries(Map.entry("DRAFT", 0), Map.entry("SUBMITTED", 1),
            Map.entry("PRE_REVIEW", 2), Map.entry("CORRECTION_REQUIRED", 2), Map.entry("ACCEPTED", 3), Map.entry("UNDER_REVIEW", 4),
            Map.entry("SUSPENDED", 4), Map.entry("APPROVED", 5), Map.entry("DENIED", 5), Map.entry("DELIVERED", 6),
            Map.entry("COMPLETED", 7), Map.entry("REFUSED", 7), Map.entry("WITHDRAWN", 7));

    private final CaseViewRepository views;
    private final JsonMapper json;
    private final WorkingDayCalendar calendar;
    private final SupervisionProperties properties;
    private final cn.onehall.supervision.exchange.ExchangeQueue exchange;

    public CaseEvents(CaseViewRepository views, JsonMapper json, WorkingDayCalendar calendar, SupervisionProperties properties,
                      cn.onehall.supervision.exchange.ExchangeQueue exchange) {
        this.views = views;
        this.exchange = exchange;
        this.json = json;
        this.calendar = calendar;
        this.properties = properties;
    }

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public boolean supports(String type) {
        return type != null && type.startsWith(PREFIX) && VERBS.contains(type.substring(PREFIX.length()));
    }

    @Override
    public void handle(CloudEvent event) {
        CaseEventData data = json.treeToValue(event.data(), CaseEventData.class);
        String caseNumber = data.caseNumber() != null ? data.caseNumber() : event.subject();
        if (caseNumber == null || data.itemCode() == null || data.regionCode() == null || data.departmentCode() == null || data.status() == null) {
            throw new IllegalArgumentException("case event " + event.id() + " lacks caseNumber, itemCode, regionCode, departmentCode or status");
        }
        OffsetDateTime occurred = data.occurredAt() != null ? data.occurredAt() : event.time();
        long occurredMs = occurred.toInstant().toEpochMilli();
        exchange.enqueue(event, caseNumber, data); // every event's process record goes upstream, even one too old for the view
        CaseView before = views.lock(caseNumber).orElse(null);
        CaseView after = merge(before, caseNumber, data, event.type(), occurredMs);
        if (after == before) {
            return; // older than what the view holds: nothing regresses
        }
        views.addToMonths(after, Contributions.delta(Contributions.of(before, calendar, properties.zone()),
                Contributions.of(after, calendar, properties.zone())));
        views.save(after);
        views.seeItem(after);
    }

    CaseView merge(CaseView old, String caseNumber, CaseEventData d, String type, long occurredMs) {
        boolean snapshot = old == null || occurredMs > old.lastOccurredMs()
                || (occurredMs == old.lastOccurredMs() && rank(d.status()) >= rank(old.status()));
        boolean evaluation = type.equals(PREFIX + "evaluated") && d.evaluation() != null && d.evaluation().level() != null
                && (old == null || old.evaluatedMs() == null || occurredMs > old.evaluatedMs());
        if (!snapshot && !evaluation) {
            return old;
        }
        Instant at = Instant.ofEpochMilli(occurredMs);
        String evaluationLevel = old == null ? null : old.evaluationLevel();
        Long evaluatedMs = old == null ? null : old.evaluatedMs();
        Instant badReviewAt = old == null ? null : old.badReviewAt();
        LocalDate rectificationDue = old == null ? null : old.rectificationDue();
        Instant rectifiedAt = old == null ? null : old.rectifiedAt();
        if (evaluation) {
            evaluationLevel = d.evaluation().level();
            evaluatedMs = occurredMs;
            if (d.evaluation().bad()) {
                if (badReviewAt == null || rectifiedAt != null) { // a first bad review, or a new one after a rectified one
                    badReviewAt = at;
                    rectifiedAt = null;
                }
                rectificationDue = d.evaluation().rectificationDue();
            } else if (badReviewAt != null && rectifiedAt == null) {
                rectifiedAt = at; // the applicant evaluates again after the rectification: the bad review is rectified
            }
        }
        if (!snapshot) {
            return new CaseView(old.caseNumber(), old.itemCode(), old.itemVersion(), old.bundleCode(), old.regionCode(), old.departmentCode(),
                    old.powerType(), old.onlineDepth(), old.itemVisits(), old.channel(), old.status(), old.lastType(), old.lastOccurredMs(),
                    old.submittedAt(), old.acceptedAt(), old.decidedAt(), old.completedAt(), old.suspendedSince(), old.promisedValue(),
                    old.promisedUnit(), old.dueDate(), old.suspendedDays(), old.visits(), old.correctionNotices(), old.feeCharged(),
                    old.guideFee(), old.missingRequired(), old.issuesLicenceType(), evaluationLevel, evaluatedMs, badReviewAt,
                    rectificationDue, rectifiedAt);
        }
        LocalDate suspendedSince = null;
        if (CaseView.CLOCK_STOPPED.contains(d.status())) {
            suspendedSince = old != null && CaseView.CLOCK_STOPPED.contains(old.status()) && old.suspendedSince() != null
                    ? old.suspendedSince() : at.atZone(properties.zone()).toLocalDate();
        }
        return new CaseView(caseNumber, d.itemCode(), d.itemVersion(), d.bundleCode(), d.regionCode(), d.departmentCode(), d.powerType(),
                d.onlineDepth(), d.itemVisits(), d.channel(), d.status(), type, occurredMs,
                instant(d.submittedAt(), old == null ? null : old.submittedAt()), instant(d.acceptedAt(), old == null ? null : old.acceptedAt()),
                instant(d.decidedAt(), old == null ? null : old.decidedAt()), instant(d.completedAt(), old == null ? null : old.completedAt()),
                suspendedSince, d.promisedLimit() == null ? null : d.promisedLimit().value(),
                d.promisedLimit() == null ? null : d.promisedLimit().unit(), d.dueDate(),
                orZero(d.suspendedDays()), orZero(d.visits()), orZero(d.correctionNotices()), d.feeCharged(), d.guideFee(),
                Boolean.TRUE.equals(d.missingRequiredMaterials()), d.issuesLicenceType(), evaluationLevel, evaluatedMs, badReviewAt,
                rectificationDue, rectifiedAt);
    }

    private static Instant instant(OffsetDateTime value, Instant previous) {
        return value != null ? value.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) : previous;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static int rank(String status) {
        return RANK.getOrDefault(status, 0);
    }
}
