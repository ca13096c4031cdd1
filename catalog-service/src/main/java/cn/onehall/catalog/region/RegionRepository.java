package cn.onehall.catalog.region;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.onehall.starter.codes.RegionCode;

@Repository
class RegionRepository {

    private static final RowMapper<Region> ROW = (rs, i) -> new Region(rs.getString("code"), rs.getString("name"),
            RegionCode.Level.valueOf(rs.getString("level")), rs.getString("parent_code"));

    private final JdbcClient jdbc;

    RegionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Region> find(String code) {
        return jdbc.sql("SELECT code, name, level, parent_code FROM region WHERE code = ?").param(code).query(ROW).optional();
    }

    List<Region> children(String parentCode) {
        return jdbc.sql("SELECT code, name, level, parent_code FROM region WHERE parent_code = ? ORDER BY code")
                .param(parentCode).query(ROW).list();
    }

    List<Region> roots() {
        return jdbc.sql("SELECT code, name, level, parent_code FROM region WHERE parent_code IS NULL ORDER BY code").query(ROW).list();
    }

    /** Inserts the region when absent; existing rows are left as they are (the seed never overwrites edits). */
    boolean insertIfAbsent(Region region) {
        return jdbc.sql("INSERT IGNORE INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?)")
                .params(region.code(), region.name(), region.level().name(), region.parentCode()).update() == 1;
    }
}
