package cn.onehall.catalog.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.codes.Mod37_36;

class ItemCodesTest {

    @Test
    void anImplementationCodeIsBasicCodeRegionDepartmentAndACheckCharacter() {
        String code = ItemCodes.implementationCode("0100012300", "440781", "11440781MB2C00012D");
        assertThat(code).startsWith("010001230044078111440781MB2C00012D").hasSize(35);
        assertThat(Mod37_36.verify(code)).isTrue();
        assertThat(ItemCodes.parse(code)).isEqualTo(new ItemCodes.Parts("0100012300", "440781", "11440781MB2C00012D"));
        String town = ItemCodes.implementationCode("0100012300", "440781001", "11440781MB2C00012D");
        assertThat(town).hasSize(38);
        assertThat(ItemCodes.parse(town).regionCode()).isEqualTo("440781001");
    }

    @Test
    void aMistypedOrMalformedCodeIsRejected() {
        String code = ItemCodes.implementationCode("0100012300", "440781", "11440781MB2C00012D");
        char last = code.charAt(code.length() - 1);
        assertThat(ItemCodes.parse(code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A'))).isNull();
        // a single changed digit in the region
        assertThat(ItemCodes.parse(code.replace("440781", "440782"))).isNull();
        assertThat(ItemCodes.parse("abc")).isNull();
        assertThat(ItemCodes.parse(null)).isNull();
        assertThatThrownBy(() -> ItemCodes.implementationCode("0100012300", "44078", "11440781MB2C00012D")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBasicCodeOpensWithItsPowerType() {
        assertThat(ItemCodes.powerTypeOf("0400020100")).isEqualTo(PowerType.CONFIRMATION);
        assertThat(ItemCodes.isValidBasicCode("0800020100")).as("no power type 08").isFalse();
        assertThat(ItemCodes.isValidBasicCode("0100000000")).as("item number all zero").isFalse();
        assertThat(ItemCodes.isValidBasicCode("01000201")).isFalse();
    }

    @Test
    void aLicenceTypeCodeIsACreditCodeAndThreeDigits() {
        assertThat(ItemCodes.isValidLicenceTypeCode("11440781MB2C00012D003")).isTrue();
        assertThat(ItemCodes.isValidLicenceTypeCode("11440781MB2C00012E003")).isFalse();
        assertThat(ItemCodes.isValidLicenceTypeCode("11440781MB2C00012D03")).isFalse();
    }
}
