package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenceIdentifierTest {

    private static final String VECTOR =
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U";

    @Test
    void parsesTheDomainVector() {
        LicenceIdentifier id = LicenceIdentifier.parse(VECTOR);
        assertThat(id.typeCode()).isEqualTo("11100000000013338W011");
        assertThat(id.issuerCreditCode()).isEqualTo("11430000006122244L");
        assertThat(id.serial()).isEqualTo("20230000403");
        assertThat(id.version()).isEqualTo(1);
        assertThat(id.check()).isEqualTo('U');
        assertThat(id).hasToString(VECTOR);
    }

    @Test
    void ofComputesTheCheck() {
        LicenceIdentifier id = LicenceIdentifier.of("11100000000013338W011", "11430000006122244L", "20230000403", 1);
        assertThat(id.check()).isEqualTo('U');
        assertThat(id).isEqualTo(LicenceIdentifier.parse(VECTOR)).hasToString(VECTOR);
    }

    @Test
    void withVersionReissuesWithANewCheck() {
        LicenceIdentifier first = LicenceIdentifier.parse(VECTOR);
        LicenceIdentifier second = first.withVersion(2);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.check())
                .isEqualTo(Mod37_36.compute("11100000000013338W011" + "11430000006122244L" + "20230000403" + "002"));
        assertThat(second.toString()).endsWith(".20230000403.002." + second.check());
        assertThat(LicenceIdentifier.parse(second.toString())).isEqualTo(second);
        assertThat(first.withVersion(123).toString()).contains(".123.");
        assertThat(first.withVersion(1)).isEqualTo(first);
    }

    @Test
    void formatsRoundTrip() {
        LicenceIdentifier id = LicenceIdentifier.of("91440781MA4W00001L002", "91440781MA4W00001L", "2026A0000001", 45);
        assertThat(id.toString()).contains(".045.");
        assertThat(LicenceIdentifier.parse(id.toString())).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong check          | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.V | wrong check character 'V'
            wrong prefix         | 1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U | must start with
            too few parts        | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.U     | got 4 parts
            too many parts       | 1.2.156.3005.2.X.11100000000013338W011.11430000006122244L.20230000403.001.U | got 6 parts
            empty type           | 1.2.156.3005.2..11430000006122244L.20230000403.001.U                      | licence type code is empty
            lower-case type      | 1.2.156.3005.2.11100000000013338w011.11430000006122244L.20230000403.001.U | upper-case letters and digits
            invalid issuer       | 1.2.156.3005.2.11100000000013338W011.11430000006122244M.20230000403.001.U | not a valid upper-case credit code
            lower-case issuer    | 1.2.156.3005.2.11100000000013338W011.11430000006122244l.20230000403.001.U | not a valid upper-case credit code
            empty serial         | 1.2.156.3005.2.11100000000013338W011.11430000006122244L..001.U            | serial is empty
            bad serial           | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.2023-0403.001.U   | serial '2023-0403'
            two-digit version    | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.01.U  | 3 digits
            non-digit version    | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.0A1.U | 3 digits
            version zero         | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.000.U | 1–999
            long check           | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.UU | one character
            empty check          | 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.  | one character
            trailing space       | '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U ' | one character
            """)
    void rejectsMalformedIdentifiers(String why, String identifier, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> LicenceIdentifier.parse(identifier))
                .withMessageContaining(message);
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> LicenceIdentifier.parse(null));
    }

    @Test
    void ofRejectsBadParts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LicenceIdentifier.of("11100000000013338W011", "11430000006122244M", "1", 1))
                .withMessageContaining("credit code");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LicenceIdentifier.of("11100000000013338W011", "11430000006122244L", "1", 1000))
                .withMessageContaining("1–999");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LicenceIdentifier.of("11100000000013338W011", null, "1", 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LicenceIdentifier.of(null, "11430000006122244L", "1", 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LicenceIdentifier.parse(VECTOR).withVersion(0));
    }

    @Test
    void constructorChecksTheCheckCharacter() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new LicenceIdentifier("11100000000013338W011", "11430000006122244L", "20230000403", 1, 'V'));
    }
}
