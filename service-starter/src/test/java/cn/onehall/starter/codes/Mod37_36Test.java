package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mod37_36Test {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LICENCE_DATA = "11100000000013338W011" + "11430000006122244L" + "20230000403" + "001";

    @Test
    void licenceVectorFromDomainNotes() {
        assertThat(Mod37_36.compute(LICENCE_DATA)).isEqualTo('U');
        assertThat(Mod37_36.verify(LICENCE_DATA + "U")).isTrue();
    }

    @Test
    void everyOneCharacterChangeOfTheVectorIsInvalid() {
        assertThat(Substitutions.of(LICENCE_DATA + "U", ALPHABET)).isNotEmpty().noneMatch(Mod37_36::verify);
    }

    @Test
    void handWorkedShortCases() {
        // "0": s = 36 (a remainder of 0 counts as M), p = 72 mod 37 = 35, check = (37 - 35) mod 36 = 2.
        assertThat(Mod37_36.compute("0")).isEqualTo('2');
        // "1": s = 1, p = 2, check = 35 = 'Z'.
        assertThat(Mod37_36.compute("1")).isEqualTo('Z');
        // "A" (10): s = 10, p = 20, check = 17 = 'H'.
        assertThat(Mod37_36.compute("A")).isEqualTo('H');
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "AB-C", "A B", "Ä"})
    void computeRejectsWhatIsNotUpperCaseAlphanumeric(String data) {
        assertThatIllegalArgumentException().isThrownBy(() -> Mod37_36.compute(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "U", "abcU", "A-BU"})
    void verifyIsFalseForMalformedInput(String withCheck) {
        assertThat(Mod37_36.verify(withCheck)).isFalse();
    }

    @Test
    void verifyIsFalseForNull() {
        assertThat(Mod37_36.verify(null)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Mod37_36.compute(null));
    }

    @Test
    void randomStringsWithTheirCheckVerifyAndEverySubstitutionDoesNot() {
        Random random = new Random(7064);
        for (int n = 0; n < 500; n++) {
            int length = 1 + random.nextInt(60);
            StringBuilder data = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                data.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String withCheck = data.toString() + Mod37_36.compute(data.toString());
            assertThat(Mod37_36.verify(withCheck)).as(withCheck).isTrue();
            for (String changed : Substitutions.of(withCheck, ALPHABET)) {
                assertThat(Mod37_36.verify(changed)).as(changed).isFalse();
            }
        }
    }
}
