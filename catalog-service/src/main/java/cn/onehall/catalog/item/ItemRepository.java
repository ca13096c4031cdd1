package cn.onehall.catalog.item;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.onehall.catalog.item.VersionRow.VersionState;
import cn.onehall.catalog.theme.ServiceObject;

@Repository
class ItemRepository {

    private static final String ITEM_COLUMNS = "code, basic_code, region_code, department_code, last_version, revoked_at, revoke_reason, created_by";
    private static final String VERSION_COLUMNS =
            "item_code, version, state, valid_from, content, revision, editors, submitted_by, reviewed_by, review_opinion, published_at";

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- basic items

    Optional<BasicItem> basic(String code) {
        return jdbc.sql("SELECT code, name, power_type, legal_basis FROM basic_item WHERE code = ?").param(code)
                .query((rs, i) -> new BasicItem(rs.getString(1), rs.getString(2), PowerType.valueOf(rs.getString(3)), rs.getString(4)))
                .optional();
    }

    boolean insertBasic(BasicItem b, String by) {
        return jdbc.sql("INSERT IGNORE INTO basic_item (code, name, power_type, legal_basis, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(b.code(), b.name(), b.powerType().name(), b.legalBasis(), by).update() == 1;
    }

    // --- items

    Optional<ItemRow> item(String code) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM item WHERE code = ?").param(code).query(ItemRepository::item).optional();
    }

    /** Locks the item row: every lifecycle step of one item runs one after the other. */
    Optional<ItemRow> lockItem(String code) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM item WHERE code = ? FOR UPDATE").param(code).query(ItemRepository::item).optional();
    }

    void insertItem(String code, String basicCode, String region, String department, String by) {
        jdbc.sql("INSERT INTO item (code, basic_code, region_code, department_code, last_version, created_by) VALUES (?, ?, ?, ?, 0, ?)")
                .params(code, basicCode, region, department, by).update();
    }

    void setLastVersion(String code, int version) {
        jdbc.sql("UPDATE item SET last_version = ? WHERE code = ?").params(version, code).update();
    }

    void revoke(String code, String reason) {
        jdbc.sql("UPDATE item SET revoked_at = CURRENT_TIMESTAMP(3), revoke_reason = ? WHERE code = ?").params(reason, code).update();
    }

    // --- versions

    Optional<VersionRow> version(String code, int version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM item_version WHERE item_code = ? AND version = ?").params(code, version)
                .query(ItemRepository::version).optional();
    }

    List<VersionRow> versions(String code) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM item_version WHERE item_code = ? ORDER BY version").param(code)
                .query(ItemRepository::version).list();
    }

    /** The published version valid on the day: the one with the latest valid_from not after it. */
    Optional<VersionRow> publishedAt(String code, LocalDate day) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM item_version WHERE item_code = ? AND state = 'PUBLISHED' AND valid_from <= ?"
                        + " ORDER BY valid_from DESC, version DESC LIMIT 1").params(code, day)
                .query(ItemRepository::version).optional();
    }

    Optional<VersionRow> latestPublished(String code) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM item_version WHERE item_code = ? AND state = 'PUBLISHED'"
                        + " ORDER BY version DESC LIMIT 1").param(code)
                .query(ItemRepository::version).optional();
    }

    boolean hasOpenVersion(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM item_version WHERE item_code = ? AND state IN ('DRAFT', 'IN_REVIEW')").param(code)
                .query(Integer.class).single() > 0;
    }

    void insertVersion(String code, int version, LocalDate validFrom, String content, String editor) {
        jdbc.sql("INSERT INTO item_version (item_code, version, state, valid_from, content, editors) VALUES (?, ?, 'DRAFT', ?, ?, ?)")
                .params(code, version, validFrom, content, editor).update();
    }

    /** @return false when the revision moved on or the version is no longer a draft */
    boolean updateDraft(String code, int version, int expectedRevision, LocalDate validFrom, String content, Set<String> editors) {
        return jdbc.sql("UPDATE item_version SET valid_from = ?, content = ?, editors = ?, revision = revision + 1, review_opinion = NULL"
                        + " WHERE item_code = ? AND version = ? AND revision = ? AND state = 'DRAFT'")
                .params(validFrom, content, String.join(",", editors), code, version, expectedRevision).update() == 1;
    }

    void setState(String code, int version, VersionState state, String submittedBy, String reviewedBy, String opinion) {
        jdbc.sql("UPDATE item_version SET state = ?, submitted_by = COALESCE(?, submitted_by), reviewed_by = ?, review_opinion = ?,"
                        + " revision = revision + 1, published_at = CASE WHEN ? = 'PUBLISHED' THEN CURRENT_TIMESTAMP(3) ELSE NULL END"
                        + " WHERE item_code = ? AND version = ?")
                .params(state.name(), submittedBy, reviewedBy, opinion, state.name(), code, version).update();
    }

    // --- listing (the newest published version of every live item)

    void list(String code, int version, String name, String region, String department, PowerType powerType, int onlineDepth, int visits,
              List<ServiceObject> objects, List<String> themes) {
        unlist(code);
        jdbc.sql("INSERT INTO item_listing (item_code, version, name, region_code, department_code, power_type, online_depth, visits,"
                        + " natural_person, legal_person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(code, version, name, region, department, powerType.name(), onlineDepth, visits,
                        objects.contains(ServiceObject.NATURAL_PERSON), objects.contains(ServiceObject.LEGAL_PERSON)).update();
        for (String theme : new LinkedHashSet<>(themes)) {
            jdbc.sql("INSERT INTO item_listing_theme (item_code, theme_code) VALUES (?, ?)").params(code, theme).update();
        }
    }

    void unlist(String code) {
        jdbc.sql("DELETE FROM item_listing WHERE item_code = ?").param(code).update();
    }

    // --- change feed

    long recordChange(String kind, String code, Integer version, String region) {
        jdbc.sql("INSERT INTO catalog_change (kind, code, version, region_code) VALUES (?, ?, ?, ?)").params(kind, code, version, region).update();
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    private static ItemRow item(ResultSet rs, int i) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ItemRow(rs.getString("code"), rs.getString("basic_code"), rs.getString("region_code"), rs.getString("department_code"),
                rs.getInt("last_version"), revoked == null ? null : revoked.toInstant(), rs.getString("revoke_reason"), rs.getString("created_by"));
    }

    private static VersionRow version(ResultSet rs, int i) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new VersionRow(rs.getString("item_code"), rs.getInt("version"), VersionState.valueOf(rs.getString("state")),
                rs.getObject("valid_from", LocalDate.class), rs.getString("content"), rs.getInt("revision"),
                new LinkedHashSet<>(Arrays.asList(rs.getString("editors").split(","))), rs.getString("submitted_by"), rs.getString("reviewed_by"),
                rs.getString("review_opinion"), published == null ? null : published.toInstant());
    }
}
