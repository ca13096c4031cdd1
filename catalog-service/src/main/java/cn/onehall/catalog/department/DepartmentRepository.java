package cn.onehall.catalog.department;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DepartmentRepository {

    private static final String COLUMNS = "credit_code, name, short_name, region_code, phone, address, version";
    private static final RowMapper<Department> ROW = (rs, i) -> new Department(rs.getString("credit_code"), rs.getString("name"),
            rs.getString("short_name"), rs.getString("region_code"), rs.getString("phone"), rs.getString("address"), rs.getInt("version"));

    private final JdbcClient jdbc;

    DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Department> find(String creditCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM department WHERE credit_code = ?").param(creditCode).query(ROW).optional();
    }

    /** Keyset page over the departments whose region starts with the prefix (a region and everything below it). */
    List<Department> page(String regionPrefix, String after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM department WHERE region_code LIKE ? AND credit_code > ? ORDER BY credit_code LIMIT ?")
                .params(regionPrefix + "%", after == null ? "" : after, limit).query(ROW).list();
    }

    void insert(DepartmentDraft d, String by) {
        jdbc.sql("INSERT INTO department (credit_code, name, short_name, region_code, phone, address, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(d.creditCode(), d.name(), d.shortName(), d.regionCode(), d.phone(), d.address(), by).update();
    }

    /** @return false when the version did not match: someone else changed it first */
    boolean update(DepartmentDraft d, int expectedVersion, String by) {
        return jdbc.sql("UPDATE department SET name = ?, short_name = ?, region_code = ?, phone = ?, address = ?, updated_by = ?,"
                        + " version = version + 1 WHERE credit_code = ? AND version = ?")
                .params(d.name(), d.shortName(), d.regionCode(), d.phone(), d.address(), by, d.creditCode(), expectedVersion).update() == 1;
    }
}
