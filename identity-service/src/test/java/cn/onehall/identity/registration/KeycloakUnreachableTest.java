package cn.onehall.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
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
 * Keycloak's admin API unreachable (a port nobody listens on; tokens still come from the real Keycloak): 503, no
 * local row, and the one-time code is still good for the retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeycloakUnreachableTest extends IdentityTestSupport {

    @DynamicPropertySource
    static void deadKeycloak(DynamicPropertyRegistry registry) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // closed again at once: connections are refused
        }
        int dead = port;
        registry.add("onehall.identity.keycloak-admin-url", () -> "http://127.0.0.1:" + dead + "/admin/realms/onehall");
    }

    @Test
    void registrationAnswers503AndWritesNothing(CapturedOutput output) {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        String idNumber = newIdNumber();
        requestCode(phone, from);
        String code = lastCodeSentTo(phone);
        long events = jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single();
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, personForm("冯五", idNumber, phone, code), from);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(json(r).get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        // The schema is shared with the other test classes of this JVM: look at this registration's rows only.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM person WHERE id_number_index = ?").param(index.of(idNumber, Registrations.ID_INDEX))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_code WHERE phone_index = ? AND consumed_at IS NULL")
                .param(index.of(phone, cn.onehall.identity.verification.VerificationCodes.PHONE_PURPOSE)).query(Long.class).single()).isEqualTo(1L);
        assertThat(output.getAll()).contains("Keycloak admin API unavailable").doesNotContain(idNumber, phone, PASSWORD);
    }

    @Test
    void enterpriseRegistrationAnswers503AndWritesNothing() {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        requestCode(phone, from);
        String creditCode = newCreditCode();
        HttpResponse<String> r = api().call("POST", "/api/identity/enterprises", null, Map.of("name", "台山市某某有限公司",
                "creditCode", creditCode, "legalRepresentativeIdNumber", newIdNumber(), "phone", phone,
                "verificationCode", lastCodeSentTo(phone), "password", PASSWORD), from);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM enterprise WHERE credit_code = ?").param(creditCode).query(Long.class).single()).isZero();
    }
}
