package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440781198803140029"})
    void vectorsAreValid(String idNumber) {
        assertThat(IdNumber.isValid(idNumber)).isTrue();
        assertThat(IdNumber.checkCharacter(idNumber.substring(0, 17))).isEqualTo(idNumber.charAt(17));
    }

    @Test
    void theStandardsOwnExamplesAreValidEvenBornIn1880() {
        // DOMAIN.md's public vectors are valid; only birth dates before 1850 (or in the future) are refused.
        assertThat(IdNumber.isValid("440524188001010014")).isTrue();
        assertThat(IdNumber.isValid(withCheck("44052418491231001"))).isFalse();
    }

    @Test
    void vectorCheckCharacters() {
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThat(IdNumber.checkCharacter("44078119880314002")).isEqualTo('9');
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440781198803140029"})
    void everyOneCharacterChangeOfAVectorIsInvalid(String idNumber) {
        assertThat(singleSubstitutions(idNumber)).isNotEmpty().noneMatch(IdNumber::isValid);
    }

    @Test
    void lowerCaseXIsAcceptedAndNormalised() {
        assertThat(IdNumber.isValid("11010519491231002x")).isTrue();
        assertThat(IdNumber.normalise(" 11010519491231002x\t")).isEqualTo("11010519491231002X");
        assertThat(IdNumber.normalise(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "11010519491231002X0", " 11010519491231002X",
            "1101051949123100 X", "11010519491231002Y", "A10105194912310029", "１1010519491231002X"})
    void malformedIsInvalid(String idNumber) {
        assertThat(IdNumber.isValid(idNumber)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(IdNumber.isValid(null)).isFalse();
    }

    @Test
    void birthDateMustBeARealDateFrom1850ToToday() {
        assertThat(IdNumber.isValid(withCheck("440781" + "19000101" + "001"), TODAY)).isTrue();
        assertThat(IdNumber.isValid(withCheck("440781" + "18500101" + "001"), TODAY)).isTrue();
        assertThat(IdNumber.isValid(withCheck("440781" + "18491231" + "001"), TODAY)).isFalse();
        assertThat(IdNumber.isValid(withCheck("440781" + "20000229" + "001"), TODAY)).isTrue();
        assertThat(IdNumber.isValid(withCheck("440781" + "19000229" + "001"), TODAY)).isFalse();
        assertThat(IdNumber.isValid(withCheck("440781" + "19880230" + "001"), TODAY)).isFalse();
        assertThat(IdNumber.isValid(withCheck("440781" + "19881301" + "001"), TODAY)).isFalse();
        assertThat(IdNumber.isValid(withCheck("440781" + "19880001" + "001"), TODAY)).isFalse();
        assertThat(IdNumber.isValid(withCheck("440781" + "20261122" + "001"), TODAY)).isTrue();
        assertThat(IdNumber.isValid(withCheck("440781" + "20261123" + "001"), TODAY)).isFalse();
    }

    @Test
    void regionCodeAndBirthDate() {
        assertThat(IdNumber.regionCode("11010519491231002X")).isEqualTo("110105");
        assertThat(IdNumber.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(IdNumber.birthDate("11010519491231002x")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(IdNumber.regionCode("440781198803140029")).isEqualTo("440781");
        assertThat(IdNumber.birthDate("440781198803140029")).isEqualTo(LocalDate.of(1988, 3, 14));
    }

    @Test
    void partsOfAnInvalidNumberAreRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumber.regionCode("110105194912310021"))
                .withMessageNotContaining("110105194912310021");
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumber.birthDate(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "110105194912310021", "1101051949123100X"})
    void checkCharacterNeedsSeventeenDigits(String first17) {
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumber.checkCharacter(first17));
    }

    @Test
    void randomNumbersWithTheirCheckAreValidAndEverySubstitutionIsNot() {
        Random random = new Random(11643);
        long earliest = LocalDate.of(1900, 1, 1).toEpochDay();
        long span = TODAY.toEpochDay() - earliest + 1;
        for (int n = 0; n < 500; n++) {
            String birth = LocalDate.ofEpochDay(earliest + random.nextLong(span)).toString().replace("-", "");
            String first17 = digits(random, 6) + birth + digits(random, 3);
            String idNumber = withCheck(first17);
            assertThat(IdNumber.isValid(idNumber, TODAY)).as(idNumber).isTrue();
            for (String changed : singleSubstitutions(idNumber)) {
                assertThat(IdNumber.isValid(changed, TODAY)).as(changed).isFalse();
            }
        }
    }

    @Test
    void checkSumAloneCatchesEverySubstitutionForAnyDigits() {
        // Independent of the date rule: any 17 digits, any one digit changed, the check character differs.
        Random random = new Random(1999);
        for (int n = 0; n < 500; n++) {
            char[] first17 = digits(random, 17).toCharArray();
            char check = IdNumber.checkCharacter(new String(first17));
            int position = random.nextInt(17);
            char original = first17[position];
            for (char d = '0'; d <= '9'; d++) {
                if (d != original) {
                    first17[position] = d;
                    assertThat(IdNumber.checkCharacter(new String(first17))).isNotEqualTo(check);
                }
            }
        }
    }

    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    private static String digits(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    static java.util.List<String> singleSubstitutions(String s) {
        return Substitutions.of(s, "0123456789X");
    }
}
