package cn.onehall.supervision.config;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone         the hall's zone: months and dates of cases (a case accepted at 23:30 UTC is accepted the next day in Taishan)
 * @param scanBatch    cases re-evaluated per transaction of a scan
 * @param complaintResponseWorkingDays working days a department has to answer a complaint
 * @param complaintsPerIp complaints one client IP may submit per {@code complaintWindow}
 * @param trustedProxies remote addresses (the gateway) whose X-Forwarded-For names the client
 */
@ConfigurationProperties("onehall.supervision")
public record SupervisionProperties(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("500") int scanBatch,
        @DefaultValue("5") int complaintResponseWorkingDays,
        @DefaultValue("5") int complaintsPerIp,
        @DefaultValue("10m") java.time.Duration complaintWindow,
        @DefaultValue({"127.0.0.1", "0:0:0:0:0:0:0:1"}) java.util.List<String> trustedProxies) {
}
