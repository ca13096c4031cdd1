package cn.onehall.supervision.measure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;

/** Distinct users of the personal and enterprise pages per region and month (identity-service's page-visited). */
@Component
class PageVisitEvents implements EventHandler {

    private final JdbcClient jdbc;

    PageVisitEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String stream() {
        return "identity-service";
    }

    @Override
    public boolean supports(String type) {
        return "cn.onehall.identity.page-visited".equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        var d = event.data();
        String pageType = d.path("pageType").asString();
        String region = d.path("regionCode").asString();
        String month = d.path("month").asString();
        String visitor = d.path("visitorKey").asString();
        if (!("PERSONAL".equals(pageType) || "ENTERPRISE".equals(pageType)) || region.isBlank() || !month.matches("\\d{4}-\\d\\d") || visitor.isBlank()) {
            throw new IllegalArgumentException("page-visited event " + event.id() + " lacks pageType, regionCode, month or visitorKey");
        }
        int added = jdbc.sql("INSERT IGNORE INTO page_visitor (page_type, region_code, month, visitor_key) VALUES (?, ?, ?, ?)")
                .params(pageType, region, month, visitor).update();
        if (added == 1) {
            jdbc.sql("""
                    INSERT INTO page_month (page_type, region_code, month, visitors) VALUES (?, ?, ?, 1)
                    ON DUPLICATE KEY UPDATE visitors = visitors + 1""").params(pageType, region, month).update();
        }
    }
}
