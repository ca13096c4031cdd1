package cn.onehall.supervision.card;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.codes.RegionCode;

/**
 * Thresholds per region as data (card_threshold): the case's region, then its ancestors, then the hall default
 * {@code 000000}. Read once per scan.
 */
@Component
public class CardThresholds {

    public static final String DEFAULT_REGION = "000000";

    public record Threshold(BigDecimal yellowUsedRatio, int yellowDaysLeft, int acceptanceWorkingDays) {
    }

    private final JdbcClient jdbc;

    public CardThresholds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A snapshot of all rows, resolved per region on demand. */
    public Resolver load() {
        Map<String, Threshold> rows = new ConcurrentHashMap<>();
        jdbc.sql("SELECT region_code, yellow_used_ratio, yellow_days_left, acceptance_working_days FROM card_threshold")
                .query((rs, n) -> rows.put(rs.getString(1), new Threshold(rs.getBigDecimal(2), rs.getInt(3), rs.getInt(4)))).list();
        return region -> {
            for (String r : chain(region)) {
                Threshold t = rows.get(r);
                if (t != null) {
                    return t;
                }
            }
            return rows.getOrDefault(DEFAULT_REGION, new Threshold(new BigDecimal("0.8"), 1, 5));
        };
    }

    @FunctionalInterface
    public interface Resolver {
        Threshold of(String region);
    }

    /** The region and its ancestors, nearest first; empty for an invalid code. */
    public static List<String> chain(String region) {
        List<String> chain = new ArrayList<>();
        for (String r = RegionCode.isValid(region) ? region : null; r != null; r = RegionCode.parent(r)) {
            chain.add(r);
        }
        return chain;
    }
}
