package cn.onehall.license.licence;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a licence is issued from, whoever asks (a case, an admin, a bulk import, a re-issue).
 *
 * @param validUntil null: computed from the type's validity rule
 * @param source     CASE, ADMIN, IMPORT
 */
public record IssueCommand(String typeCode, String holderType, String holderRef, Map<String, String> data, LocalDate validFrom,
                           LocalDate validUntil, String caseNumber, String paperNumber, String regionCode, String source) {
}
