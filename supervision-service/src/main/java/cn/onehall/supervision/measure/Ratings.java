package cn.onehall.supervision.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.codes.RegionCode;

/**
 * 星级评定: 1–5 stars per department and month.
 *
 * <pre>
 * score = (0.4 × onTime + 0.3 × satisfaction + 0.2 × onlineDepth / 5 + 0.1 × guideCompleteness) / (sum of the weights present)
 * stars = 5 when score ≥ 0.90, 4 ≥ 0.80, 3 ≥ 0.70, 2 ≥ 0.60, else 1
 * </pre>
 * onTime = decisions by the due date / decisions of the month; satisfaction = evaluations basically satisfied or better /
 * evaluations of the month; onlineDepth = average online depth of the month's cases; guideCompleteness = share of the
 * department's items whose guide fields (promised limit, fee, online depth, visits, power type) are all present.
 * A part without data that month (no decision, no evaluation) is left out and the other weights carry the score;
 * a department with no part at all is not rated.
 */
@Service
public class Ratings {

    public static final BigDecimal W_ON_TIME = new BigDecimal("0.4");
    public static final BigDecimal W_SATISFACTION = new BigDecimal("0.3");
    public static final BigDecimal W_ONLINE_DEPTH = new BigDecimal("0.2");
    public static final BigDecimal W_GUIDE = new BigDecimal("0.1");

    public record Part(String name, BigDecimal weight, BigDecimal value, Long numerator, Long denominator) {
    }

    public record Rating(String departmentCode, int stars, BigDecimal score, List<Part> breakdown) {
    }

    private final JdbcClient jdbc;

    public Ratings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Rating> of(String region, String period, String department) {
        String prefix = RegionCode.subtreePrefix(region) + "%";
        Map<String, long[]> guides = new HashMap<>();
        jdbc.sql("SELECT department_code, SUM(guide_complete), COUNT(*) FROM item_view WHERE region_code LIKE ? GROUP BY department_code")
                .param(prefix).query(rs -> {
                    guides.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        StringBuilder sql = new StringBuilder("""
                SELECT department_code, SUM(decided_on_time), SUM(decided_on_time + decided_overdue), SUM(satisfied), SUM(evaluations),
                       SUM(online_depth_sum), SUM(cases)
                FROM case_month WHERE month = :month AND region_code LIKE :prefix""");
        Map<String, Object> p = new HashMap<>(Map.of("month", period, "prefix", prefix));
        if (department != null) {
            sql.append(" AND department_code = :department");
            p.put("department", department);
        }
        sql.append(" GROUP BY department_code ORDER BY department_code");
        List<Rating> ratings = new ArrayList<>();
        jdbc.sql(sql.toString()).params(p).query(rs -> {
            String dept = rs.getString(1);
            long[] g = guides.getOrDefault(dept, new long[] {0, 0});
            List<Part> parts = List.of(
                    part("ON_TIME_RATE", W_ON_TIME, rs.getLong(2), rs.getLong(3), 1),
                    part("SATISFACTION_RATE", W_SATISFACTION, rs.getLong(4), rs.getLong(5), 1),
                    part("ONLINE_DEPTH", W_ONLINE_DEPTH, rs.getLong(6), rs.getLong(7), 5),
                    part("GUIDE_COMPLETENESS", W_GUIDE, g[0], g[1], 1));
            Rating r = rate(dept, parts);
            if (r != null) {
                ratings.add(r);
            }
        });
        return ratings;
    }

    /** value = numerator / denominator / scale (online depth is out of 5), null without a denominator. */
    static Part part(String name, BigDecimal weight, long numerator, long denominator, int scale) {
        BigDecimal value = denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator).multiply(BigDecimal.valueOf(scale)), 4, RoundingMode.HALF_UP);
        return new Part(name, weight, value, numerator, denominator);
    }

    static Rating rate(String department, List<Part> parts) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Part part : parts) {
            if (part.value() != null) {
                weighted = weighted.add(part.weight().multiply(part.value()));
                weights = weights.add(part.weight());
            }
        }
        if (weights.signum() == 0) {
            return null;
        }
        BigDecimal score = weighted.divide(weights, 4, RoundingMode.HALF_UP);
        return new Rating(department, stars(score), score, parts);
    }

    static int stars(BigDecimal score) {
        double s = score.doubleValue();
        return s >= 0.90 ? 5 : s >= 0.80 ? 4 : s >= 0.70 ? 3 : s >= 0.60 ? 2 : 1;
    }
}
