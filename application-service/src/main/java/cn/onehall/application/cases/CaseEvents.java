package cn.onehall.application.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

import cn.onehall.starter.events.EventPublisher;

/** Publishes {@code cn.onehall.case.<verb>} through the outbox, in the transaction of the change. */
@Component
public class CaseEvents {

    public static final String TYPE_PREFIX = "cn.onehall.case.";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EventPublisher publisher;
    private final Clock clock;

    public CaseEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    public void publish(String verb, ApplicationCase c, String reason) {
        publish(verb, c, null, null, reason);
    }

    public void publish(String verb, ApplicationCase c, CaseEventData.Subtask subtask, CaseEventData.Evaluation evaluation, String reason) {
        publisher.publish(TYPE_PREFIX + verb, c.caseNumber(), data(c, subtask, evaluation, reason, clock.instant()));
    }

    static CaseEventData data(ApplicationCase c, CaseEventData.Subtask subtask, CaseEventData.Evaluation evaluation, String reason,
                              Instant now) {
        return new CaseEventData(c.caseNumber(), c.itemCode(), c.itemVersion(), c.bundleCode(), c.regionCode(), c.departmentCode(),
                c.powerType(), c.onlineDepth(), c.itemVisits(), c.channel().name(), c.status().name(), time(c.submittedAt()),
                time(c.acceptedAt()), time(c.decidedAt()), time(c.completedAt()), time(now),
                c.promisedValue() == null ? null : new CaseEventData.Limit(c.promisedValue(), c.promisedUnit()), c.dueDate(),
                c.suspendedDays(), c.visits(), c.correctionNotices(), c.feeCharged(), c.guideFee(), c.missingRequired(), c.holderType(),
                c.holderRef(), c.issuesLicenceType(), subtask, evaluation, reason);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(CHINA).toOffsetDateTime();
    }
}
