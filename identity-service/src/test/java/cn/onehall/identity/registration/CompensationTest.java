package cn.onehall.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.identity.IdentityTestSupport;

/**
 * A step after Keycloak created the user fails for real (the configured role does not exist in the realm): the new
 * Keycloak user is deleted again and the local transaction rolls back.
 */
@ExtendWith(OutputCaptureExtension.class)
class CompensationTest extends IdentityTestSupport {

    @DynamicPropertySource
    static void missingRole(DynamicPropertyRegistry registry) {
        registry.add("onehall.identity.applicant-role", () -> "no-such-role-in-the-realm");
    }

    @Test
    void aFailureAfterKeycloakCreatedTheUserLeavesNeitherSideHalfWritten(CapturedOutput output) {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        String idNumber = newIdNumber();
        requestCode(phone, from);
        willCreate(idNumber); // in case compensation fails, the class still cleans up
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, personForm("陈六", idNumber, phone, lastCodeSentTo(phone)), from);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain(idNumber);
        assertThat(keycloak.idByUsername(idNumber)).isEmpty();
        assertThat(keycloak.idsByAttribute("holder_ref", idNumber)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM person WHERE id_number_index = ?").param(index.of(idNumber, Registrations.ID_INDEX))
                .query(Long.class).single()).isZero();
        // The failure was logged (a 500 is), without the ID number, the phone or the password.
        assertThat(output.getAll()).contains("deleted again").doesNotContain(idNumber, phone, PASSWORD);
    }
}
