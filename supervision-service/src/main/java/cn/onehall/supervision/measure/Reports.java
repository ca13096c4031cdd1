package cn.onehall.supervision.measure;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.supervision.config.SupervisionProperties;

/** 月度通报 (monthly report) and the public disclosure (每月向社会公开) built from measures, ratings and card counts. */
@Service
public class Reports {

    public record CardCount(String kind, String colour, long raised, long active) {
    }

    public record MonthlyReport(String region, String period, List<Measure> measures, List<Ratings.Rating> ratings, List<CardCount> cards) {
    }

    /** Aggregates only: no case number, no person, no holder. */
    public record Disclosure(String region, String period, List<Map<String, Object>> measures, List<Map<String, Object>> departments,
                             List<CardCount> cards) {
    }

    private final Measures measures;
    private final Ratings ratings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SupervisionProperties properties;

    public Reports(Measures measures, Ratings ratings, JdbcClient jdbc, Clock clock, SupervisionProperties properties) {
        this.measures = measures;
        this.ratings = ratings;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public MonthlyReport monthly(String region, String period, String department) {
        return new MonthlyReport(region, period, measures.of(region, period, department, null).measures(), ratings.of(region, period, department),
                cards(region, period, department));
    }

    /** The last complete month in the hall's zone: what is published during a month is the month before. */
    public String lastCompleteMonth() {
        return YearMonth.from(clock.instant().atZone(properties.zone())).minusMonths(1).toString();
    }

    public Disclosure disclosure(String region, String period) {
        MonthlyReport report = monthly(region, period, null);
        List<Map<String, Object>> published = report.measures().stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", m.code());
            row.put("name", m.name());
            row.put("value", m.value());
            row.put("target", m.target());
            row.put("pass", m.pass());
            return row;
        }).toList();
        List<Map<String, Object>> departments = report.ratings().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("departmentCode", r.departmentCode());
            row.put("stars", r.stars());
            row.put("score", r.score());
            return row;
        }).toList();
        return new Disclosure(region, period, published, departments, report.cards());
    }

    /** Cards raised in the month by kind and colour, and how many of them are still active. */
    List<CardCount> cards(String region, String period, String department) {
        YearMonth month = YearMonth.parse(period);
        // raised_at is UTC; the month is the hall's: its bounds converted to UTC
        String from = text(month.atDay(1).atStartOfDay(properties.zone()).toInstant());
        String to = text(month.plusMonths(1).atDay(1).atStartOfDay(properties.zone()).toInstant());
        StringBuilder sql = new StringBuilder("""
                SELECT kind, colour, COUNT(*), SUM(active_key IS NOT NULL) FROM card
                WHERE region_code LIKE :prefix AND raised_at >= :from AND raised_at < :to""");
        Map<String, Object> p = new java.util.HashMap<>(Map.of("prefix", RegionCode.subtreePrefix(region) + "%", "from", from, "to", to));
        if (department != null) {
            sql.append(" AND department_code = :department");
            p.put("department", department);
        }
        sql.append(" GROUP BY kind, colour ORDER BY kind, colour");
        return jdbc.sql(sql.toString()).params(p).query((rs, n) -> new CardCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    /** The monthly report as CSV: one line per measure, then one per department rating with its parts. */
    public static String csv(MonthlyReport r) {
        StringBuilder out = new StringBuilder("section,code,name,value,numerator,denominator,target,comparison,pass\n");
        for (Measure m : r.measures()) {
            out.append(String.join(",", "measure", m.code(), quote(m.name()), s(m.value()), s(m.numerator()), s(m.denominator()), s(m.target()),
                    s(m.comparison()), s(m.pass()))).append('\n');
        }
        out.append("section,departmentCode,stars,score,onTimeRate,satisfactionRate,onlineDepth,guideCompleteness\n");
        for (Ratings.Rating rating : r.ratings()) {
            out.append(String.join(",", "rating", rating.departmentCode(), Integer.toString(rating.stars()), s(rating.score()),
                    s(rating.breakdown().get(0).value()), s(rating.breakdown().get(1).value()), s(rating.breakdown().get(2).value()),
                    s(rating.breakdown().get(3).value()))).append('\n');
        }
        out.append("section,kind,colour,raised,active\n");
        for (CardCount c : r.cards()) {
            out.append(String.join(",", "cards", c.kind(), c.colour(), Long.toString(c.raised()), Long.toString(c.active()))).append('\n');
        }
        return out.toString();
    }

    private static String s(Object value) {
        return value == null ? "" : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }

    /** RFC 4180 quoting, and no leading =+-@ so a spreadsheet never runs a cell as a formula. */
    private static String quote(String text) {
        String safe = text.matches("^[=+\\-@].*") ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String text(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(at.atOffset(java.time.ZoneOffset.UTC));
    }
}
