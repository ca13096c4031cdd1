package cn.onehall.license.licence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.onehall.starter.personaldata.PersonalDataCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of licences, their history and use records. Personal data is encrypted here, on the way in and out. */
@Repository
public class LicenceRepository {

    static final String HOLDER_REF = "licence.holder_ref";
    static final String DATA = "licence.data";
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final JsonMapper json;

    LicenceRepository(JdbcClient jdbc, PersonalDataCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    long insert(Licence l) {
        jdbc.sql("""
                INSERT INTO licence (public_id, identifier, type_code, issuer_code, serial, version, region_code, holder_type, holder_ref,
                  holder_index, holder_masked, holder_display, data, valid_from, valid_until, status, status_reason, source, case_number,
                  paper_number, verification_code, key_id, signature, issued_at, changed_at)
                VALUES (:publicId, :identifier, :typeCode, :issuerCode, :serial, :version, :regionCode, :holderType, :holderRef,
                  :holderIndex, :holderMasked, :holderDisplay, :data, :validFrom, :validUntil, :status, :statusReason, :source, :caseNumber,
                  :paperNumber, :verificationCode, :keyId, :signature, FROM_UNIXTIME(:issuedAt), FROM_UNIXTIME(:issuedAt))""")
                .param("publicId", l.publicId()).param("identifier", l.identifier()).param("typeCode", l.typeCode())
                .param("issuerCode", l.issuerCode()).param("serial", l.serial()).param("version", l.version())
                .param("regionCode", l.regionCode()).param("holderType", l.holderType())
                .param("holderRef", cipher.encrypt(l.holderRef(), HOLDER_REF)).param("holderIndex", l.holderIndex())
                .param("holderMasked", l.holderMasked()).param("holderDisplay", l.holderDisplay())
                .param("data", cipher.encrypt(json.writeValueAsString(new TreeMap<>(l.data())), DATA))
                .param("validFrom", l.validFrom()).param("validUntil", l.validUntil()).param("status", l.status().name())
                .param("statusReason", l.statusReason()).param("source", l.source()).param("caseNumber", l.caseNumber())
                .param("paperNumber", l.paperNumber()).param("verificationCode", l.verificationCode()).param("keyId", l.keyId())
                .param("signature", l.signature())
                .param("issuedAt", java.math.BigDecimal.valueOf(l.issuedAt().toEpochMilli(), 3))
                .update();
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    /** Next serial of the type in the year: 4-digit year + 7-digit number, e.g. 20260000001. */
    String nextSerial(String typeCode, int year) {
        jdbc.sql("INSERT INTO licence_serial (type_code, year, last_no) VALUES (?, ?, LAST_INSERT_ID(1)) "
                + "ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)").params(typeCode, year).update();
        long n = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        return String.format("%04d%07d", year, n);
    }

    public Optional<Licence> byPublicId(String publicId) {
        if (publicId == null || publicId.length() != 26) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE public_id = ?").param(publicId).query(this::map).optional();
    }

    Optional<Licence> byPublicIdForUpdate(String publicId) {
        if (publicId == null || publicId.length() != 26) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE public_id = ? FOR UPDATE").param(publicId).query(this::map).optional();
    }

    public Optional<Licence> byIdentifier(String identifier) {
        return jdbc.sql(SELECT + " WHERE identifier = ?").param(identifier).query(this::map).optional();
    }

    /** @param lock a locking read sees a licence another transaction committed after this one's snapshot */
    Optional<Licence> byCase(String caseNumber, boolean lock) {
        return jdbc.sql(SELECT + " WHERE case_number = ?" + (lock ? " FOR UPDATE" : "")).param(caseNumber).query(this::map).optional();
    }

    /** The holder's licences, newest first, keyset by id; superseded versions are left out. */
    public List<Licence> byHolder(String holderIndex, Collection<String> statuses, Long cursor, int limit) {
        return jdbc.sql(SELECT + " WHERE holder_index = :holder AND status IN (:statuses) AND (:cursor IS NULL OR id < :cursor) ORDER BY id DESC LIMIT :limit")
                .param("holder", holderIndex).param("statuses", statuses).param("cursor", cursor).param("limit", limit)
                .query(this::map).list();
    }

    /** The holder's VALID licences of these types. */
    public List<Licence> validOfTypes(String holderIndex, Collection<String> typeCodes) {
        return jdbc.sql(SELECT + " WHERE holder_index = :holder AND status = 'VALID' AND type_code IN (:types) ORDER BY type_code, id DESC")
                .param("holder", holderIndex).param("types", typeCodes).query(this::map).list();
    }

    public List<Licence> versions(String typeCode, String serial) {
        return jdbc.sql(SELECT + " WHERE type_code = ? AND serial = ? ORDER BY version").params(typeCode, serial).query(this::map).list();
    }

    void setStatus(long id, LicenceStatus status, String reason) {
        jdbc.sql("UPDATE licence SET status = ?, status_reason = ?, changed_at = CURRENT_TIMESTAMP(3) WHERE id = ?")
                .params(status.name(), reason, id).update();
    }

    /** Licences past their last day that are still VALID or SUSPENDED, locked, at most {@code limit}. */
    List<Licence> dueToExpire(LocalDate today, int limit) {
        return jdbc.sql(SELECT + " WHERE status IN ('VALID', 'SUSPENDED') AND valid_until < ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(today, limit).query(this::map).list();
    }

    void recordEvent(Licence l, String action, LicenceStatus status, String reason, String actor) {
        jdbc.sql("INSERT INTO licence_event (licence_id, type_code, serial, action, status, reason, actor, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3))")
                .params(l.id(), l.typeCode(), l.serial(), action, status.name(), reason, actor).update();
    }

    public record HistoryEntry(String licenceId, int version, String action, String status, String reason, String actor,
                               java.time.Instant occurredAt) {
    }

    public List<HistoryEntry> history(String typeCode, String serial) {
        return jdbc.sql("""
                SELECT l.public_id, l.version, e.action, e.status, e.reason, e.actor, e.occurred_at FROM licence_event e
                JOIN licence l ON l.id = e.licence_id WHERE e.type_code = ? AND e.serial = ? ORDER BY e.id""")
                .params(typeCode, serial)
                .query((rs, n) -> new HistoryEntry(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    public Map<String, String> decryptData(String stored) {
        return json.readValue(cipher.decrypt(stored, DATA), MAP);
    }

    static final String SELECT = """
            SELECT id, public_id, identifier, type_code, issuer_code, serial, version, region_code, holder_type, holder_ref, holder_index,
              holder_masked, holder_display, data, valid_from, valid_until, status, status_reason, source, case_number, paper_number,
              verification_code, key_id, signature, issued_at, changed_at FROM licence""";

    private Licence map(ResultSet rs, int n) throws SQLException {
        LocalDate until = rs.getObject("valid_until", LocalDate.class);
        return new Licence(rs.getLong("id"), rs.getString("public_id"), rs.getString("identifier"), rs.getString("type_code"),
                rs.getString("issuer_code"), rs.getString("serial"), rs.getInt("version"), rs.getString("region_code"),
                rs.getString("holder_type"), cipher.decrypt(rs.getString("holder_ref"), HOLDER_REF), rs.getString("holder_index"),
                rs.getString("holder_masked"), rs.getString("holder_display"), decryptData(rs.getString("data")),
                rs.getObject("valid_from", LocalDate.class), until,
                LicenceStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getString("source"),
                rs.getString("case_number"), rs.getString("paper_number"), rs.getString("verification_code"), rs.getString("key_id"),
                rs.getString("signature"), rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("changed_at").toInstant());
    }
}
