package cn.onehall.application.intake;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Materials attached to a case: uploads (with their SHA-256), electronic licences, or paper seen at the window. */
@Repository
public class MaterialRepository {

    public record CaseMaterial(long id, long caseId, String materialCode, String source, String fileName, String mediaType, Long sizeBytes,
                               String sha256, String storageKey, String licenceId, String licenceType, String licenceName) {
    }

    private static final RowMapper<CaseMaterial> ROW = (rs, n) -> new CaseMaterial(rs.getLong("id"), rs.getLong("case_id"),
            rs.getString("material_code"), rs.getString("source"), rs.getString("file_name"), rs.getString("media_type"),
            rs.getObject("size_bytes", Long.class), rs.getString("sha256"), rs.getString("storage_key"), rs.getString("licence_id"),
            rs.getString("licence_type"), rs.getString("licence_name"));

    private final JdbcClient jdbc;

    MaterialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(CaseMaterial m) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO case_material (case_id, material_code, source, file_name, media_type, size_bytes, sha256, storage_key,
                          licence_id, licence_type, licence_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.caseId(), m.materialCode(), m.source(), m.fileName(), m.mediaType(), m.sizeBytes(), m.sha256(), m.storageKey(),
                        m.licenceId(), m.licenceType(), m.licenceName())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<CaseMaterial> ofCase(long caseId) {
        return jdbc.sql("SELECT * FROM case_material WHERE case_id = ? ORDER BY id").param(caseId).query(ROW).list();
    }

    public Optional<CaseMaterial> find(long caseId, long id) {
        return jdbc.sql("SELECT * FROM case_material WHERE case_id = ? AND id = ?").params(caseId, id).query(ROW).optional();
    }

    public void delete(long id) {
        jdbc.sql("DELETE FROM case_material WHERE id = ?").param(id).update();
    }
}
