package cn.onehall.license.licence;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes a licence's SM2 signature covers: a JSON object with sorted keys and no whitespace, of everything that makes
 * the licence (identifier, type, issuer, holder, fields, validity). Rebuilt from the stored row to re-check a signature,
 * so any change of the row in the database shows.
 */
public final class CanonicalContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalContent() {
    }

    public static byte[] of(String identifier, String typeCode, String issuerCode, String holderType, String holderRef,
                            Map<String, String> data, LocalDate validFrom, LocalDate validUntil) {
        Map<String, Object> content = new TreeMap<>();
        content.put("data", new TreeMap<>(data));
        content.put("holderRef", holderRef);
        content.put("holderType", holderType);
        content.put("identifier", identifier);
        content.put("issuer", issuerCode);
        content.put("type", typeCode);
        content.put("validFrom", validFrom.toString());
        content.put("validUntil", validUntil == null ? "LONG_TERM" : validUntil.toString());
        return JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] of(Licence l) {
        return of(l.identifier(), l.typeCode(), l.issuerCode(), l.holderType(), l.holderRef(), l.data(), l.validFrom(), l.validUntil());
    }
}
