package cn.onehall.license.type;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import cn.onehall.starter.codes.IdNumber;

/**
 * 证照类型: what a licence of this type holds and how long it lasts.
 *
 * @param validityRule LONG_TERM, an ISO-8601 period (P5Y), or ID_CARD_BY_AGE (居民身份证: under 16 five years, 16–25 ten,
 *                     26–45 twenty, from 46 long-term)
 */
public record LicenceType(String code, String name, String holderType, String departmentCode, String regionCode,
                          String validityRule, String template, List<FieldSpec> fields) {

    public record FieldSpec(String name, String label, String type, boolean required) {
    }

    /** The last day of validity for a licence valid from {@code from}, or null for long-term. */
    public LocalDate validUntil(LocalDate from, String holderRef) {
        if ("LONG_TERM".equals(validityRule)) {
            return null;
        }
        if ("ID_CARD_BY_AGE".equals(validityRule)) {
            int age = Period.between(IdNumber.birthDate(holderRef), from).getYears();
            int years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : 0;
            return years == 0 ? null : from.plusYears(years).minusDays(1);
        }
        return from.plus(Period.parse(validityRule)).minusDays(1);
    }
}
