package cn.onehall.license.licence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One version of an electronic licence as stored (personal data already decrypted; never log it).
 *
 * @param publicId the unguessable id of URLs and events ({@code licenceId} in the contracts)
 */
public record Licence(long id, String publicId, String identifier, String typeCode, String issuerCode, String serial, int version,
                      String regionCode, String holderType, String holderRef, String holderIndex, String holderMasked,
                      String holderDisplay, Map<String, String> data, LocalDate validFrom, LocalDate validUntil, LicenceStatus status,
                      String statusReason, String source, String caseNumber, String paperNumber, String verificationCode,
                      String keyId, String signature, Instant issuedAt, Instant changedAt) {

    /** Whether a verifier should accept it today: VALID and not past its last day. */
    public boolean validOn(LocalDate day) {
        return status == LicenceStatus.VALID && !validFrom.isAfter(day) && (validUntil == null || !validUntil.isBefore(day));
    }
}
