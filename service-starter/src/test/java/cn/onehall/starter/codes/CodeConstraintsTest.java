package cn.onehall.starter.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeConstraintsTest {

    record Applicant(@ValidIdNumber String idNumber, @ValidCreditCode String creditCode,
                     @NotNull @ValidRegionCode String region, List<@ValidRegionCode String> scope) {
    }

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void setUp() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    @Test
    void validValuesPass() {
        assertThat(validator.validate(new Applicant("11010519491231002x", "91440781MA4W00001L", "440781",
                List.of("440000", "440781001")))).isEmpty();
    }

    @Test
    void nullIsValidExceptWhereNotNullSaysOtherwise() {
        assertThat(validator.validate(new Applicant(null, null, "440781", null))).isEmpty();
        assertThat(messages(validator.validate(new Applicant(null, null, null, null))))
                .singleElement().satisfies(m -> assertThat(m).startsWith("region:"));
    }

    @Test
    void invalidValuesGiveEnglishMessagesWithTheChineseTerm() {
        Set<ConstraintViolation<Applicant>> violations = validator.validate(
                new Applicant("110105194912310021", "91440781MA4W00001M", "440001", List.of("440000", "4407")));
        assertThat(messages(violations)).containsExactlyInAnyOrder(
                "idNumber: is not a valid ID number (公民身份号码)",
                "creditCode: is not a valid credit code (统一社会信用代码)",
                "region: is not a valid region code (行政区划代码)",
                "scope[1].<list element>: is not a valid region code (行政区划代码)");
    }

    private static List<String> messages(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).toList();
    }
}
