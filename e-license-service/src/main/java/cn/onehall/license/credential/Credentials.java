package cn.onehall.license.credential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;

import cn.onehall.license.licence.Licence;
import cn.onehall.license.type.LicenceType;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * W3C Verifiable Credentials 2.0 secured with JOSE (VC-JOSE-COSE: {@code typ: vc+jwt}, ES256): a licence as a credential,
 * and per issuer a Bitstring Status List credential for revocation and one for suspension, built from the database at
 * each request (so they are as current as the online verification).
 */
@Service
public class Credentials {

    /** The specification's minimum: 16 KiB of bits, so one licence's entry is lost in the crowd. */
    public static final int LIST_BITS = 131_072;
    public static final List<String> PURPOSES = List.of("revocation", "suspension");

    private final JdbcClient jdbc;
    private final VcKeys keys;
    private final JsonMapper json;
    private final String base;

    Credentials(JdbcClient jdbc, VcKeys keys, JsonMapper json, @Value("${onehall.license.public-base-url}") String base) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.json = json;
        this.base = base;
    }

    public String issuerId(String departmentCode) {
        return base + "/api/licenses/public/issuers/" + departmentCode;
    }

    public String statusListUrl(String departmentCode, String purpose) {
        return base + "/api/licenses/public/status-lists/" + departmentCode + "/" + purpose;
    }

    /** The licence as a vc+jwt; gives it a status-list index on first export. */
    @Transactional
    public String export(Licence l, LicenceType type) {
        int index = statusIndex(l);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", "ElectronicLicence");
        subject.put("identifier", l.identifier());
        subject.put("licenceType", Map.of("code", type.code(), "name", type.name()));
        subject.put("version", l.version());
        subject.put("holder", Map.of("type", l.holderType(), "ref", l.holderRef()));
        subject.put("fields", l.data());
        List<Map<String, Object>> status = new ArrayList<>();
        for (String purpose : PURPOSES) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", statusListUrl(l.issuerCode(), purpose) + "#" + index);
            entry.put("type", "BitstringStatusListEntry");
            entry.put("statusPurpose", purpose);
            entry.put("statusListIndex", Integer.toString(index));
            entry.put("statusListCredential", statusListUrl(l.issuerCode(), purpose));
            status.add(entry);
        }
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of("https://www.w3.org/ns/credentials/v2"));
        vc.put("id", base + "/api/licenses/public/status/" + l.publicId());
        vc.put("type", List.of("VerifiableCredential", "ElectronicLicenceCredential"));
        vc.put("issuer", issuerId(l.issuerCode()));
        vc.put("validFrom", l.validFrom().atStartOfDay(ZoneOffset.ofHours(8)).toOffsetDateTime().toString());
        if (l.validUntil() != null) {
            vc.put("validUntil", l.validUntil().plusDays(1).atStartOfDay(ZoneOffset.ofHours(8)).toOffsetDateTime().toString());
        }
        vc.put("credentialSubject", subject);
        vc.put("credentialStatus", status);
        return sign(l.issuerCode(), vc);
    }

    /** The issuer's status list of that purpose as a vc+jwt: bit i set = the licence with index i is revoked / suspended. */
    public String statusList(String departmentCode, String purpose) {
        if (!CreditCode.isValid(departmentCode) || !PURPOSES.contains(purpose)) {
            throw ProblemException.notFound("status list");
        }
        // A superseded version must not be relied on either: it counts as revoked.
        List<String> statuses = "revocation".equals(purpose) ? List.of("REVOKED", "SUPERSEDED") : List.of("SUSPENDED");
        byte[] bits = new byte[LIST_BITS / 8];
        for (Integer i : jdbc.sql("SELECT status_index FROM licence WHERE issuer_code = :issuer AND status IN (:statuses) AND status_index IS NOT NULL")
                .param("issuer", departmentCode).param("statuses", statuses).query(Integer.class).list()) {
            bits[i / 8] |= (byte) (0x80 >>> (i % 8)); // the spec's bit order: index 0 is the left-most bit
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", statusListUrl(departmentCode, purpose) + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose);
        subject.put("encodedList", "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(bits)));
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of("https://www.w3.org/ns/credentials/v2"));
        vc.put("id", statusListUrl(departmentCode, purpose));
        vc.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        vc.put("issuer", issuerId(departmentCode));
        vc.put("validFrom", java.time.OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        vc.put("credentialSubject", subject);
        return sign(departmentCode, vc);
    }

    private int statusIndex(Licence l) {
        Integer existing = jdbc.sql("SELECT status_index FROM licence WHERE id = ? FOR UPDATE").param(l.id()).query(Integer.class).optional().orElse(null);
        if (existing != null) {
            return existing;
        }
        jdbc.sql("INSERT INTO licence_serial (type_code, year, last_no) VALUES (?, 0, LAST_INSERT_ID(0)) "
                + "ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)").param("SL:" + l.issuerCode()).update();
        long next = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        if (next >= LIST_BITS) {
            throw new IllegalStateException("the status lists of " + l.issuerCode() + " are full");
        }
        jdbc.sql("UPDATE licence SET status_index = ? WHERE id = ?").params((int) next, l.id()).update();
        return (int) next;
    }

    private String sign(String departmentCode, Map<String, Object> vc) {
        ECKey key = keys.signingKey(departmentCode);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(new JOSEObjectType("vc+jwt"))
                .contentType("vc").build();
        JWSObject jws = new JWSObject(header, new Payload(json.writeValueAsString(vc)));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the credential", e);
        }
        return jws.serialize();
    }

    private static byte[] gzip(byte[] bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bits);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
