package cn.onehall.license.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.onehall.license.licence.CanonicalContent;
import cn.onehall.license.licence.Licence;
import cn.onehall.license.licence.LicenceRepository;
import cn.onehall.license.licence.LicenceService;
import cn.onehall.license.licence.LicenceStatus;
import cn.onehall.license.signing.SigningKeys;
import cn.onehall.license.type.LicenceTypes;
import cn.onehall.starter.codes.LicenceIdentifier;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * Public verification (no login): by identifier and verification code, or by the signed QR payload. The answer comes
 * from the database each time, so a revocation shows at the next check. Each check adds one to the licence's counter in
 * Redis; nothing about the verifier is kept.
 */
@Service
public class Verification {

    private static final Logger log = LoggerFactory.getLogger(Verification.class);
    static final String COUNTER = "onehall:license:verifications:";

    public record PublicLicence(String licenceId, String identifier, String typeCode, String typeName, String issuerCode,
                                String holderType, String holder, String holderName, LocalDate validFrom, LocalDate validUntil,
                                String status, int version) {
    }

    public record Result(Verdict verdict, boolean valid, PublicLicence licence, Instant checkedAt) {
    }

    private final LicenceRepository licences;
    private final LicenceTypes types;
    private final SigningKeys keys;
    private final LicenceService service;
    private final StringRedisTemplate redis;
    private final String publicBaseUrl;

    Verification(LicenceRepository licences, LicenceTypes types, SigningKeys keys, LicenceService service, StringRedisTemplate redis,
                 @Value("${onehall.license.public-base-url}") String publicBaseUrl) {
        this.licences = licences;
        this.types = types;
        this.keys = keys;
        this.service = service;
        this.redis = redis;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Identifier plus code; an unknown identifier and a wrong code are the same 404, so neither can be probed. */
    public Result byIdentifier(String identifier, String code) {
        try {
            LicenceIdentifier.parse(identifier);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "identifier is not a licence identifier (电子证照标识)");
        }
        if (code == null || !code.matches("[A-Za-z0-9]{8}")) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "code must be the 8-character verification code");
        }
        Licence l = licences.byIdentifier(identifier)
                .filter(x -> MessageDigest.isEqual(x.verificationCode().getBytes(StandardCharsets.US_ASCII),
                        code.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> ProblemException.notFound("licence"));
        // The stored row must still carry the issuer's signature: a row changed in the database is not valid.
        boolean intact = keys.verify(l.keyId(), CanonicalContent.of(l), Base64.getDecoder().decode(l.signature()))
                && l.keyId().startsWith(l.issuerCode() + "-");
        count(l);
        return result(intact ? verdictOf(l) : Verdict.SIGNATURE_INVALID, l);
    }

    /** The QR payload: signature first (by the key it names, which must be the issuer's), then the live status. */
    public Result byPayload(String payload) {
        QrToken.Parsed token;
        try {
            token = QrToken.parse(payload);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "payload is not a licence QR payload: " + e.getMessage());
        }
        if (!keys.known(token.keyId())) {
            return new Result(Verdict.UNKNOWN_KEY, false, null, Instant.now());
        }
        if (!keys.verify(token.keyId(), token.signingInput(), token.signature())) {
            return new Result(Verdict.SIGNATURE_INVALID, false, null, Instant.now());
        }
        Optional<Licence> found = licences.byPublicId(token.claim("lid"));
        if (found.isEmpty()) {
            return new Result(Verdict.UNKNOWN_LICENCE, false, null, Instant.now());
        }
        Licence l = found.get();
        if (!l.identifier().equals(token.claim("idf")) || !l.issuerCode().equals(token.claim("iss"))
                || !token.keyId().startsWith(l.issuerCode() + "-")) {
            return new Result(Verdict.SIGNATURE_INVALID, false, null, Instant.now());
        }
        count(l);
        return result(verdictOf(l), l);
    }

    private record CachedPayload(Instant changedAt, String keyId, String payload, Instant madeAt) {
    }

    /** Signed payloads are reused for a while: an anonymous QR request must not cost an SM2 signature each time. */
    private final Map<String, CachedPayload> payloads = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedPayload> eldest) {
            return size() > 10_000;
        }
    });

    /**
     * A signed QR payload for the licence, by its issuer's active key; the same one for ten minutes unless the licence
     * changed or the key rotated.
     */
    public String payloadOf(Licence l) {
        String activeKey = keys.activeKey(l.issuerCode()).orElseThrow().keyId();
        CachedPayload cached = payloads.get(l.publicId());
        if (cached != null && cached.changedAt().equals(l.changedAt()) && cached.keyId().equals(activeKey)
                && cached.madeAt().isAfter(Instant.now().minusSeconds(600))) {
            return cached.payload();
        }
        String payload = sign(l, activeKey);
        payloads.put(l.publicId(), new CachedPayload(l.changedAt(), activeKey, payload, Instant.now()));
        return payload;
    }

    private String sign(Licence l, String keyId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("lid", l.publicId());
        claims.put("idf", l.identifier());
        claims.put("typ", l.typeCode());
        claims.put("iss", l.issuerCode());
        claims.put("hol", l.holderMasked());
        if (l.holderDisplay() != null) {
            claims.put("hnm", l.holderDisplay());
        }
        claims.put("vf", l.validFrom().toString());
        if (l.validUntil() != null) {
            claims.put("vu", l.validUntil().toString());
        }
        claims.put("sts", statusUrl(l.publicId()));
        claims.put("iat", Instant.now().getEpochSecond());
        String input = QrToken.signingInput(keyId, claims);
        // The active key signs; signing by id keeps header kid and signature in step even across a rotation.
        return QrToken.assemble(input, keys.signWith(keyId, input.getBytes(StandardCharsets.US_ASCII)));
    }

    public String statusUrl(String publicId) {
        return publicBaseUrl + "/api/licenses/public/status/" + publicId;
    }

    public String verifyUrl(String payload) {
        return publicBaseUrl + "/api/licenses/public/verify?payload=" + payload;
    }

    /** Status only, for offline verifiers that checked the signature themselves. */
    public Result status(String publicId) {
        Licence l = licences.byPublicId(publicId).orElseThrow(() -> ProblemException.notFound("licence"));
        count(l);
        return result(verdictOf(l), l);
    }

    public long verifications(String publicId) {
        try {
            String v = redis.opsForValue().get(COUNTER + publicId);
            return v == null ? 0 : Long.parseLong(v);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    Verdict verdictOf(Licence l) {
        LocalDate today = service.today();
        return switch (l.status()) {
            case REVOKED -> Verdict.REVOKED;
            case SUSPENDED -> Verdict.SUSPENDED;
            case SUPERSEDED -> Verdict.SUPERSEDED;
            case EXPIRED -> Verdict.EXPIRED;
            case VALID -> l.validUntil() != null && l.validUntil().isBefore(today) ? Verdict.EXPIRED
                    : l.validFrom().isAfter(today) ? Verdict.NOT_YET_VALID : Verdict.VALID;
        };
    }

    private Result result(Verdict verdict, Licence l) {
        String typeName = types.find(l.typeCode()).map(t -> t.name()).orElse(null);
        PublicLicence p = new PublicLicence(l.publicId(), l.identifier(), l.typeCode(), typeName, l.issuerCode(), l.holderType(),
                l.holderMasked(), l.holderDisplay(), l.validFrom(), l.validUntil(), l.status().name(), l.version());
        return new Result(verdict, verdict == Verdict.VALID && l.status() == LicenceStatus.VALID, p, Instant.now());
    }

    private void count(Licence l) {
        try {
            redis.opsForValue().increment(COUNTER + l.publicId());
        } catch (RuntimeException e) {
            log.debug("verification not counted, Redis unavailable: {}", e.toString());
        }
    }
}
