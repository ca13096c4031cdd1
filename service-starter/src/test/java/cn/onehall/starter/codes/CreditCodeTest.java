package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @ParameterizedTest
    @CsvSource({"11100000000013338W, W", "11430000006122244L, L", "91440781MA4W00001L, L", "11440781MB2C00012D, D"})
    void vectors(String code, char check) {
        assertThat(CreditCode.isValid(code)).isTrue();
        assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(check);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11100000000013338W", "11430000006122244L", "91440781MA4W00001L", "11440781MB2C00012D"})
    void everyOneCharacterChangeOfAVectorIsInvalid(String code) {
        // Include the excluded letters and digits-only positions, so the alphabet and region rules are exercised too.
        assertThat(Substitutions.of(code, ALPHABET + "IOSVZ")).isNotEmpty().noneMatch(CreditCode::isValid);
    }

    @Test
    void lowerCaseIsAcceptedAndNormalised() {
        assertThat(CreditCode.isValid("91440781ma4w00001l")).isTrue();
        assertThat(CreditCode.normalise(" 91440781ma4w00001l ")).isEqualTo("91440781MA4W00001L");
        assertThat(CreditCode.normalise(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11100000000013338", "11100000000013338W0", " 11100000000013338W",
            "111000000000I3338W", "11A00000000013338W"})
    void malformedIsInvalid(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @Test
    void regionCodeIsPositionsThreeToEight() {
        assertThat(CreditCode.regionCode("91440781MA4W00001L")).isEqualTo("440781");
        assertThat(CreditCode.regionCode("11100000000013338W")).isEqualTo("100000");
        assertThatIllegalArgumentException().isThrownBy(() -> CreditCode.regionCode("91440781MA4W00001M"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1110000000001333", "111000000000133380", "1110000000001333O"})
    void checkCharacterNeedsSeventeenAlphabetCharacters(String first17) {
        assertThatIllegalArgumentException().isThrownBy(() -> CreditCode.checkCharacter(first17));
    }

    @Test
    void randomCodesWithTheirCheckAreValidAndEverySubstitutionIsNot() {
        Random random = new Random(32100);
        for (int n = 0; n < 500; n++) {
            StringBuilder first17 = new StringBuilder(17);
            for (int i = 0; i < 17; i++) {
                boolean region = i >= 2 && i < 8;
                first17.append(ALPHABET.charAt(random.nextInt(region ? 10 : ALPHABET.length())));
            }
            String code = first17.toString() + CreditCode.checkCharacter(first17.toString());
            assertThat(CreditCode.isValid(code)).as(code).isTrue();
            for (String changed : Substitutions.of(code, ALPHABET)) {
                assertThat(CreditCode.isValid(changed)).as(changed).isFalse();
            }
        }
    }
}
