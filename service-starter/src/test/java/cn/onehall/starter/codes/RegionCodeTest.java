package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cn.onehall.starter.codes.RegionCode.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionCodeTest {

    @ParameterizedTest
    @CsvSource({
            "440000, PROVINCE, ",
            "500000, PROVINCE, ",
            "440700, CITY, 440000",
            "441900, CITY, 440000",
            "110100, CITY, 110000",
            "440781, COUNTY, 440700",
            "110105, COUNTY, 110100",
            "429004, COUNTY, 429000",
            "440781001, TOWN, 440781",
            "441900003, TOWN, 441900",
            "440781001001, VILLAGE, 440781001",
    })
    void levelAndParent(String code, Level level, String parent) {
        assertThat(RegionCode.isValid(code)).isTrue();
        assertThat(RegionCode.level(code)).isEqualTo(level);
        assertThat(RegionCode.parent(code)).isEqualTo(parent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "44000", "4400000", "44078100", "4407810010", "44078100100", "4407810010010",
            "000000", "0440781", "44A781", " 440781", "440001", "440000001", "440781000", "440781000000",
            "440781001000", "440000000000", "４40781"})
    void invalid(String code) {
        assertThat(RegionCode.isValid(code)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> RegionCode.level(code));
        assertThatIllegalArgumentException().isThrownBy(() -> RegionCode.parent(code));
    }

    @Test
    void nullIsInvalid() {
        assertThat(RegionCode.isValid(null)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> RegionCode.level(null));
    }

    @ParameterizedTest
    @CsvSource({
            "440000, 440781, true",
            "440000, 440781001, true",
            "440000, 440781001001, true",
            "440000, 440700, true",
            "440700, 440781, true",
            "440700, 440781001, true",
            "440781, 440781001001, true",
            "440781001, 440781001001, true",
            "440781, 440781, true",
            "440000, 440000, true",
            "440781, 440700, false",
            "440781, 440000, false",
            "440781001, 440781, false",
            "440781, 440782, false",
            "440781, 440782001, false",
            "440700, 440800, false",
            "440000, 450000, false",
            "440000, 450781, false",
            "440781001, 440781002001, false",
            "440700, 4407, false",
            "4407, 440781, false",
            "440000, 440001, false",
    })
    void contains(String ancestor, String descendant, boolean expected) {
        assertThat(RegionCode.contains(ancestor, descendant)).isEqualTo(expected);
    }

    @Test
    void containsIsFalseForNull() {
        assertThat(RegionCode.contains(null, "440781")).isFalse();
        assertThat(RegionCode.contains("440000", null)).isFalse();
    }

    @Test
    void containsAgreesWithWalkingUpParents() {
        String[] codes = {"440000", "440700", "440781", "440781001", "440781001001", "440782", "441900",
                "441900003", "450000", "450100", "110000", "110100", "110105"};
        for (String ancestor : codes) {
            for (String descendant : codes) {
                boolean walked = false;
                for (String c = descendant; c != null; c = RegionCode.parent(c)) {
                    walked |= c.equals(ancestor);
                }
                assertThat(RegionCode.contains(ancestor, descendant)).as(ancestor + " ⊇ " + descendant)
                        .isEqualTo(walked);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"440000, 44", "440700, 4407", "440781, 440781", "440781001, 440781001", "440781001001, 440781001001"})
    void subtreePrefix(String code, String prefix) {
        assertThat(RegionCode.subtreePrefix(code)).isEqualTo(prefix);
    }
}
