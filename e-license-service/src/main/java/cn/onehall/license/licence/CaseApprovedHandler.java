package cn.onehall.license.licence;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;
import tools.jackson.databind.JsonNode;

/**
 * Issues the licence of an approved case whose item issues a licence type ({@code issuesLicenceType}). Runs in the
 * consumer's transaction with the processed-event record; the unique case number makes a second event for the same case
 * (a re-published one, a racing consumer) a no-op.
 */
@Component
class CaseApprovedHandler implements EventHandler {

    static final String TYPE = "cn.onehall.case.approved";
    private static final Logger log = LoggerFactory.getLogger(CaseApprovedHandler.class);

    private final LicenceService licences;

    CaseApprovedHandler(LicenceService licences) {
        this.licences = licences;
    }

    @Override
    public String stream() {
        return "application-service";
    }

    @Override
    public boolean supports(String type) {
        return TYPE.equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode d = event.data();
        String typeCode = text(d, "issuesLicenceType");
        String caseNumber = text(d, "caseNumber");
        if (typeCode == null) {
            return; // the item issues no licence
        }
        if (caseNumber == null) {
            throw new IllegalArgumentException("approved case event " + event.id() + " has no caseNumber");
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("caseNumber", caseNumber);
        putIfPresent(data, "itemCode", text(d, "itemCode"));
        putIfPresent(data, "itemVersion", text(d, "itemVersion"));
        IssueCommand command = new IssueCommand(typeCode, text(d, "holderType"), text(d, "holderRef"), data, decidedOn(d), null,
                caseNumber, null, text(d, "regionCode"), "CASE");
        licences.issueForCase(command).ifPresentOrElse(
                l -> log.info("Issued licence {} for case {}", l.publicId(), caseNumber),
                () -> log.info("Case {} already has its licence; event {} ignored", caseNumber, event.id()));
    }

    private static LocalDate decidedOn(JsonNode d) {
        String decidedAt = text(d, "decidedAt");
        if (decidedAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(decidedAt).atZoneSameInstant(LicenceService.CHINA).toLocalDate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d == null ? null : d.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
