package cn.onehall.application.licence;

import static cn.onehall.application.cases.CaseTransitions.cols;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseAction;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseStateMachine;
import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;
import tools.jackson.databind.JsonNode;

/**
 * {@code cn.onehall.license.issued} with a case number: the licence the approval led to is attached to the case, so it
 * can be delivered online. Runs once per event (the starter records it as processed in the same transaction).
 */
@Component
class LicenceIssuedHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(LicenceIssuedHandler.class);

    private final CaseRepository cases;
    private final Clock clock;

    LicenceIssuedHandler(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    public String stream() {
        return "e-license-service";
    }

    @Override
    public boolean supports(String type) {
        return "cn.onehall.license.issued".equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        String caseNumber = text(data, "caseNumber");
        if (caseNumber == null) {
            return; // issued outside a case (e.g. a migration of old licences)
        }
        ApplicationCase c = cases.findByNumber(caseNumber).flatMap(x -> cases.lock(x.id())).orElse(null);
        if (c == null) {
            log.warn("licence issued for unknown case {}", caseNumber);
            return;
        }
        if (!CaseStateMachine.allowed(c.status(), CaseAction.ATTACH_LICENCE)) {
            log.warn("licence issued for case {} in state {}; not attached", caseNumber, c.status());
            return;
        }
        if (!cases.update(c, cols("licence_id", text(data, "licenceId"), "licence_identifier", text(data, "identifier")))) {
            throw new IllegalStateException("case " + caseNumber + " changed while attaching its licence; retried");
        }
        cases.timeline(c.id(), clock.instant(), "licence-attached", c.status(), "system", null, text(data, "typeName"));
    }

    private static String text(JsonNode data, String field) {
        JsonNode v = data == null ? null : data.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
