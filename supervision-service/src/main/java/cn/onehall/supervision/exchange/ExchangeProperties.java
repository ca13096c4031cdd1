package cn.onehall.supervision.exchange;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upstream halls that receive the process record of every case event (办件数据交换), e.g. a county hall feeding its city.
 *
 * @param upstreams   name (stable, ≤ 50 characters), url (POST target) and secret (HMAC-SHA256 key) of each
 * @param interval    pause between two send passes
 * @param batch       records sent per upstream and pass
 * @param backoffBase first retry delay after a failure; doubled per failed attempt up to backoffMax
 */
@ConfigurationProperties("onehall.supervision.exchange")
public record ExchangeProperties(
        @DefaultValue List<Upstream> upstreams,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("200") int batch,
        @DefaultValue("2s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffMax) {

    public record Upstream(String name, String url, String secret) {
    }
}
