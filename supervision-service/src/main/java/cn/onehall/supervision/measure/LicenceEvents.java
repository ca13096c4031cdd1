package cn.onehall.supervision.measure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;

/** 证照电子化率: a licence type counts as issued electronically in step with cases once a licence of it is issued for a case. */
@Component
class LicenceEvents implements EventHandler {

    private final JdbcClient jdbc;

    LicenceEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        var d = event.data();
        if (d == null || d.path("caseNumber").isNull() || d.path("caseNumber").isMissingNode() || d.path("typeCode").isMissingNode()) {
            return; // issued outside a case (e.g. migrated stock): not "in step with cases"
        }
        jdbc.sql("""
                INSERT INTO licence_type_view (type_code, region_code, department_code, issued_with_case) VALUES (?, ?, ?, TRUE)
                ON DUPLICATE KEY UPDATE issued_with_case = TRUE""")
                .params(d.path("typeCode").asString(), d.path("regionCode").asString(), d.path("departmentCode").asString()).update();
    }
}
