package cn.onehall.license.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.onehall.license.signing.Sm2;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The QR payload: {@code base64url(header) . base64url(claims) . base64url(DER SM2 signature)}, JWS-shaped so it is easy to
 * take apart; the signature covers the ASCII of {@code header.claims}. Header {@code {alg: SM2-SM3, kid, typ}}; claims
 * {@code lid} (licence id), {@code idf} (identifier), {@code typ} (type code), {@code iss} (issuer credit code, must be the
 * key's department), {@code hol} (masked holder), {@code hnm} (masked holder name), {@code vf}/{@code vu} (validity, vu absent
 * for long-term), {@code sts} (where to check the status online), {@code iat} (epoch seconds).
 * An offline verifier needs only the published keys ({@code GET /api/licenses/public/keys}).
 */
public final class QrToken {

    public static final String TYP = "onehall-licence-qr";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_LENGTH = 2048;

    private QrToken() {
    }

    public record Parsed(String keyId, byte[] signingInput, byte[] signature, JsonNode claims) {
        public String claim(String name) {
            JsonNode v = claims.get(name);
            return v == null || v.isNull() ? null : v.asString();
        }
    }

    /** The header and claims, ready to be signed: returns {@code header.claims}. */
    public static String signingInput(String keyId, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", Sm2.ALGORITHM);
        header.put("kid", keyId);
        header.put("typ", TYP);
        return B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
    }

    public static String assemble(String signingInput, byte[] signature) {
        return signingInput + "." + B64.encodeToString(signature);
    }

    /** @throws IllegalArgumentException when it is not a token of this shape (the caller answers 400) */
    public static Parsed parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("payload is empty or too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("payload must have three dot-separated parts");
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(d.decode(parts[0]));
            JsonNode claims = JSON.readTree(d.decode(parts[1]));
            byte[] signature = d.decode(parts[2]);
            if (!header.isObject() || !claims.isObject() || !Sm2.ALGORITHM.equals(header.path("alg").asString(null))
                    || !TYP.equals(header.path("typ").asString(null)) || header.path("kid").asString(null) == null
                    || claims.path("lid").asString(null) == null) {
                throw new IllegalArgumentException("payload header or claims are not those of a licence QR");
            }
            return new Parsed(header.get("kid").asString(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature, claims);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("payload is not valid base64url JSON", e);
        }
    }
}
