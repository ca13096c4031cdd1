package cn.onehall.starter.audit;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service that records its decisions; no component scan, so only the starter's auto-configuration adds the rest. */
@SpringBootConfiguration
@EnableAutoConfiguration
class AuditTestApp {

    static final String SERVICE = "audit-test";

    /** A member class: the configuration registers it by itself. */
    @RestController
    static class CaseResource {

        private final AuditLog auditLog;
        private final TransactionTemplate tx;

        CaseResource(AuditLog auditLog, PlatformTransactionManager transactions) {
            this.auditLog = auditLog;
            this.tx = new TransactionTemplate(transactions);
        }

        /** The decision and its audit entry in one transaction. */
        @PostMapping("/api/audit-test/cases/{id}/accept")
        Map<String, Long> accept(@PathVariable String id) {
            return tx.execute(status -> Map.of("seq", auditLog.record("case.accept", "case", id, Outcome.SUCCESS, Map.of("status", "ACCEPTED"))));
        }

        /** Records, then fails: the transaction rolls back and takes the entry with it. */
        @PostMapping("/api/audit-test/cases/{id}/reject")
        Map<String, Long> rejectThenFail(@PathVariable String id) {
            return tx.execute(status -> {
                auditLog.record("case.reject", "case", id, Outcome.SUCCESS, Map.of("status", "REJECTED"));
                throw new IllegalStateException("the decision could not be stored");
            });
        }
    }
}
