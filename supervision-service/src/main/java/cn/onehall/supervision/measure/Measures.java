package cn.onehall.supervision.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.supervision.card.CardThresholds;
import cn.onehall.supervision.casefile.Counter;

/**
 * The measures of DOMAIN.md (seed 000 annexes 2 and 4) plus on-time rate, acceptance-to-decision days, satisfaction
 * and rectified bad reviews. Case measures sum the monthly counter rows of the region subtree (code prefix on the
 * primary key (month, region_code, …)): a handful of rows per department and item, however many cases.
 */
@Service
public class Measures {

    public record Answer(String region, String period, String department, String item, List<Measure> measures) {
    }

    private record Target(BigDecimal value, String comparison) {
    }

    private final JdbcClient jdbc;

    public Measures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer of(String region, String period, String department, String item) {
        String prefix = RegionCode.subtreePrefix(region) + "%";
        Map<String, Target> targets = targets(region, period);
        long[] c = counters(prefix, period, department, item);
        List<Measure> out = new ArrayList<>();
        long[] items = items(prefix, department, item);
        out.add(ratio("FULL_ONLINE_RATE", "网上全流程办理率 licensing items with online depth 5", items[1], items[0], targets));
        out.add(ratio("ONLINE_APPLICATION_RATE", "上网办理率 licensing cases applied for online", c[Counter.LICENSING_ONLINE.ordinal()], c[Counter.LICENSING_CASES.ordinal()], targets));
        out.add(ratio("ONLINE_COMPLETION_RATE", "网上办结率 licensing cases handled fully online and completed", c[Counter.LICENSING_ONLINE_COMPLETED.ordinal()], c[Counter.LICENSING_CASES.ordinal()], targets));
        out.add(ratio("AT_MOST_ONE_VISIT_RATE", "网上申办事项到现场不超过1次 (items)", items[3], items[2], targets));
        out.add(ratio("ZERO_VISIT_RATE", "网上申办事项零跑动 (items)", items[4], items[2], targets));
        out.add(ratio("AT_MOST_ONE_VISIT_CASE_RATE", "online cases with at most one visit", c[Counter.ONLINE_VISITS_LE1.ordinal()], c[Counter.ONLINE_CASES.ordinal()], targets));
        out.add(ratio("ZERO_VISIT_CASE_RATE", "online cases with no visit", c[Counter.ONLINE_VISITS_0.ordinal()], c[Counter.ONLINE_CASES.ordinal()], targets));
        if (department == null && item == null) {
            Long[] denominators = denominators(region, period);
            out.add(ratio("ENTERPRISE_PAGE_USE_RATE", "企业专属网页用户使用率", pageVisitors("ENTERPRISE", prefix, period), denominators[0], targets));
            out.add(ratio("PERSONAL_PAGE_USE_RATE", "市民个人网页用户使用率", pageVisitors("PERSONAL", prefix, period), denominators[1], targets));
        }
        if (item == null) {
            long[] licences = licenceTypes(prefix, department);
            out.add(ratio("LICENCE_ELECTRONIC_RATE", "证照电子化率 licence types issued electronically with cases", licences[0], licences[1], targets));
        }
        out.add(ratio("ON_TIME_RATE", "按时办结率 decisions by the due date", c[Counter.DECIDED_ON_TIME.ordinal()],
                c[Counter.DECIDED_ON_TIME.ordinal()] + c[Counter.DECIDED_OVERDUE.ordinal()], targets));
        out.add(count("OVERDUE_COUNT", "超期办件数 decisions after the due date", c[Counter.DECIDED_OVERDUE.ordinal()], targets));
        out.add(average("AVG_DECISION_WORKING_DAYS", "受理到决定平均工作日", c[Counter.DECISION_WORKING_DAYS.ordinal()], c[Counter.TIMED_DECISIONS.ordinal()], targets));
        out.add(ratio("SATISFACTION_RATE", "满意率 evaluations basically satisfied or better", c[Counter.SATISFIED.ordinal()], c[Counter.EVALUATIONS.ordinal()], targets));
        out.add(ratio("BAD_REVIEWS_RECTIFIED", "差评整改率 bad reviews rectified", c[Counter.BAD_RECTIFIED.ordinal()], c[Counter.BAD_REVIEWS.ordinal()], targets));
        out.add(average("CORRECTIONS_PER_CASE", "件均补正次数", c[Counter.CORRECTION_NOTICES.ordinal()], c[Counter.CASES.ordinal()], targets));
        out.add(count("CASES", "业务量 cases submitted", c[Counter.CASES.ordinal()], targets));
        return new Answer(region, period, department, item, out);
    }

    /** The counters summed over the region subtree's rows of the month. */
    public long[] counters(String prefix, String period, String department, String item) {
        String sums = Stream.of(Counter.values()).map(c -> "COALESCE(SUM(" + c.column() + "), 0)").collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT " + sums + " FROM case_month WHERE month = :month AND region_code LIKE :prefix");
        Map<String, Object> p = new HashMap<>(Map.of("month", period, "prefix", prefix));
        filters(sql, p, department, item);
        return jdbc.sql(sql.toString()).params(p).query(rs -> {
            long[] c = new long[Counter.values().length];
            rs.next();
            for (int i = 0; i < c.length; i++) {
                c[i] = rs.getLong(i + 1);
            }
            return c;
        });
    }

    /**
     * Items of the subtree in one read: licensing items, licensing items of depth 5, online-applicable items (depth ≥ 3),
     * those of them requiring at most one visit, those requiring none.
     */
    private long[] items(String prefix, String department, String item) {
        StringBuilder sql = new StringBuilder("""
                SELECT COALESCE(SUM(power_type = 'LICENSING'), 0), COALESCE(SUM(power_type = 'LICENSING' AND online_depth = 5), 0),
                       COALESCE(SUM(online_depth >= 3), 0), COALESCE(SUM(online_depth >= 3 AND item_visits <= 1), 0),
                       COALESCE(SUM(online_depth >= 3 AND item_visits = 0), 0)
                FROM item_view WHERE region_code LIKE :prefix AND NOT revoked""");
        Map<String, Object> p = new HashMap<>(Map.of("prefix", prefix));
        filters(sql, p, department, item);
        return jdbc.sql(sql.toString()).params(p).query(rs -> {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
        });
    }

    private long[] licenceTypes(String prefix, String department) {
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(issued_with_case), 0), COUNT(*) FROM licence_type_view WHERE expected AND region_code LIKE :prefix");
        Map<String, Object> p = new HashMap<>(Map.of("prefix", prefix));
        filters(sql, p, department, null);
        return jdbc.sql(sql.toString()).params(p).query(rs -> {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        });
    }

    private long pageVisitors(String pageType, String prefix, String period) {
        return jdbc.sql("SELECT COALESCE(SUM(visitors), 0) FROM page_month WHERE page_type = ? AND month = ? AND region_code LIKE ?")
                .params(pageType, period, prefix).query(Long.class).single();
    }

    /** Enterprises and persons of the region (configured data, latest valid_from not after the period). */
    private Long[] denominators(String region, String period) {
        return jdbc.sql("SELECT enterprises, persons FROM region_denominator WHERE region_code = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1")
                .params(region, period)
                .query((rs, n) -> new Long[] {(Long) rs.getObject("enterprises", Long.class), (Long) rs.getObject("persons", Long.class)})
                .optional().orElse(new Long[] {null, null});
    }

    private static void filters(StringBuilder sql, Map<String, Object> p, String department, String item) {
        if (department != null) {
            sql.append(" AND department_code = :department");
            p.put("department", department);
        }
        if (item != null) {
            sql.append(" AND item_code = :item");
            p.put("item", item);
        }
    }

    /** For each measure the target of the nearest region with one (itself, then up), latest valid_from not after the period. */
    private Map<String, Target> targets(String region, String period) {
        List<String> chain = CardThresholds.chain(region);
        Map<String, Map<String, Target>> byRegion = new HashMap<>();
        jdbc.sql("""
                SELECT region_code, measure, target, comparison FROM measure_target
                WHERE region_code IN (:chain) AND valid_from <= :period ORDER BY valid_from""")
                .param("chain", chain).param("period", period)
                .query(rs -> {
                    byRegion.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), new Target(rs.getBigDecimal(3), rs.getString(4)));
                });
        Map<String, Target> targets = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) { // farthest first, nearer regions overwrite
            targets.putAll(byRegion.getOrDefault(chain.get(i), Map.of()));
        }
        return targets;
    }

    private static Measure ratio(String code, String name, long numerator, Long denominator, Map<String, Target> targets) {
        BigDecimal value = denominator == null || denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        return withTarget(code, name, "RATIO", value, numerator, denominator, targets);
    }

    private static Measure average(String code, String name, long sum, long count, Map<String, Target> targets) {
        BigDecimal value = count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        return withTarget(code, name, "AVERAGE", value, sum, count, targets);
    }

    private static Measure count(String code, String name, long count, Map<String, Target> targets) {
        return withTarget(code, name, "COUNT", BigDecimal.valueOf(count), count, null, targets);
    }

    private static Measure withTarget(String code, String name, String unit, BigDecimal value, Long numerator, Long denominator,
                                      Map<String, Target> targets) {
        Target t = targets.get(code);
        Boolean pass = t == null || value == null ? null : "LE".equals(t.comparison()) ? value.compareTo(t.value()) <= 0 : value.compareTo(t.value()) >= 0;
        return new Measure(code, name, unit, value, numerator, denominator, t == null ? null : t.value(), t == null ? null : t.comparison(), pass);
    }
}
