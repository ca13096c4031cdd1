package cn.onehall.license.licence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A licence as its holder and staff see it: the fields in full, the holder's number masked, the verification code to
 * share with a verifier, and the signature.
 */
public record LicenceView(String licenceId, String identifier, String typeCode, String typeName, String issuerCode, int version,
                          String holderType, String holder, Map<String, String> data, LocalDate validFrom, LocalDate validUntil,
                          String status, String statusReason, String source, String caseNumber, String paperNumber,
                          String verificationCode, String keyId, String signature, Instant issuedAt, Instant changedAt,
                          Long verifications, Links links) {

    public record Links(String qrPng, String qrSvg, String pdf, String history, String uses) {
    }

    static LicenceView of(Licence l, String typeName, Long verifications) {
        String base = "/api/licenses/";
        return new LicenceView(l.publicId(), l.identifier(), l.typeCode(), typeName, l.issuerCode(), l.version(), l.holderType(),
                l.holderMasked(), l.data(), l.validFrom(), l.validUntil(), l.status().name(), l.statusReason(), l.source(), l.caseNumber(),
                l.paperNumber(), l.verificationCode(), l.keyId(), l.signature(), l.issuedAt(), l.changedAt(), verifications,
                new Links(base + "public/" + l.publicId() + "/qr.png", base + "public/" + l.publicId() + "/qr.svg",
                        base + l.publicId() + "/licence.pdf", base + l.publicId() + "/history", base + l.publicId() + "/uses"));
    }
}
