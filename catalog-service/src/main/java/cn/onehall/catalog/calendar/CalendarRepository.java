package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarDay;
import cn.onehall.starter.calendar.CalendarYear;
import cn.onehall.starter.calendar.DayKind;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** calendar_year and calendar_day (V2). Dates are DATE columns, so no Timestamp precision issue on MariaDB. */
@Repository
public class CalendarRepository {

    private final JdbcClient jdbc;

    public CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record YearRow(int year, String source, int version, Timestamp loadedAt, String updatedBy) {
    }

    public Optional<CalendarYear> find(int year) {
        Optional<YearRow> row = jdbc.sql("SELECT year, source, version, loaded_at, updated_by FROM calendar_year WHERE year = ?")
                .param(year)
                .query((rs, i) -> new YearRow(rs.getInt("year"), rs.getString("source"), rs.getInt("version"),
                        rs.getTimestamp("loaded_at"), rs.getString("updated_by")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<CalendarDay> days = jdbc.sql("SELECT day, kind, name FROM calendar_day WHERE year = ? ORDER BY day")
                .param(year)
                .query((rs, i) -> new CalendarDay(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")), rs.getString("name")))
                .list();
        YearRow y = row.get();
        return Optional.of(CalendarYear.of(y.year(), y.source(), y.version(), y.loadedAt().toInstant(), y.updatedBy(), days));
    }

    /** The year's version, locked until the transaction ends so that two replacements run one after the other. */
    public Optional<Integer> lockVersion(int year) {
        return jdbc.sql("SELECT version FROM calendar_year WHERE year = ? FOR UPDATE").param(year).query(Integer.class).optional();
    }

    /** True when this call created the year; concurrent seeders wait on the key and then see it exists. */
    public boolean insertYearIfAbsent(int year, String source, String updatedBy) {
        return jdbc.sql("INSERT IGNORE INTO calendar_year (year, source, updated_by) VALUES (?, ?, ?)")
                .params(year, source, updatedBy).update() == 1;
    }

    public void insertYear(int year, String source, String updatedBy) {
        jdbc.sql("INSERT INTO calendar_year (year, source, updated_by) VALUES (?, ?, ?)").params(year, source, updatedBy).update();
    }

    public void bumpYear(int year, String source, String updatedBy) {
        jdbc.sql("UPDATE calendar_year SET source = ?, version = version + 1, loaded_at = CURRENT_TIMESTAMP(3), updated_by = ? WHERE year = ?")
                .params(source, updatedBy, year).update();
    }

    public void replaceDays(int year, List<CalendarDay> days) {
        jdbc.sql("DELETE FROM calendar_day WHERE year = ?").param(year).update();
        if (days.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO calendar_day (day, year, kind, name) VALUES ");
        List<Object> params = new ArrayList<>();
        for (CalendarDay day : days) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?)");
            params.add(day.date());
            params.add(year);
            params.add(day.kind().name());
            params.add(day.name());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }
}
