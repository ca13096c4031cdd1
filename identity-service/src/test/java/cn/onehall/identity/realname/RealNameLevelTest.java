package cn.onehall.identity.realname;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

class RealNameLevelTest extends IdentityTestSupport {

    @Test
    void aRegisteredPersonStartsAtL1AndReachesL2ThroughTheVerifier() {
        String idNumber = newIdNumber();
        registerPerson("林小红", idNumber);
        String token = tokenOf(idNumber, PASSWORD);
        assertThat(json(callWithToken("GET", "/api/identity/me/real-name-level", token, null)).get("level").asString()).isEqualTo("L1");
        HttpResponse<String> verified = callWithToken("POST", "/api/identity/me/real-name-verification", token, null);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).get("level").asString()).isEqualTo("L2");
        assertThat(json(callWithToken("GET", "/api/identity/me/real-name-level", token, null)).get("level").asString()).isEqualTo("L2");
    }

    @Test
    void whomTheVerifierCannotConfirmAnOfficerConfirmsInPersonAtL3() {
        String idNumber = newIdNumber();
        registerPerson("Anna Wang", idNumber);
        String token = tokenOf(idNumber, PASSWORD);
        HttpResponse<String> refused = callWithToken("POST", "/api/identity/me/real-name-verification", token, null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("code").asString()).isEqualTo("REAL_NAME_NOT_CONFIRMED");

        // An applicant may not look people up; an officer may, and the read is audited.
        assertThat(api().call("POST", "/api/identity/persons/lookups", "zhangsan", Map.of("idNumber", idNumber), fromAddress()).statusCode())
                .isEqualTo(403);
        long audited = jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'person.looked-up'").query(Long.class).single();
        HttpResponse<String> found = api().call("POST", "/api/identity/persons/lookups", "officer-market", Map.of("idNumber", idNumber), fromAddress());
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode person = json(found);
        assertThat(person.get("idNumber").asString()).contains("********").isNotEqualTo(idNumber);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'person.looked-up' AND actor_username = 'officer-market'")
                .query(Long.class).single()).isEqualTo(audited + 1);

        HttpResponse<String> confirmed = api().call("POST", "/api/identity/persons/" + person.get("id").asString() + "/real-name-confirmations",
                "officer-market", null, Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(json(callWithToken("GET", "/api/identity/me/real-name-level", token, null)).get("level").asString()).isEqualTo("L3");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'person.real-name-confirmed-in-person' AND resource_id = ?")
                .param(person.get("id").asString()).query(Long.class).single()).isEqualTo(1L);
        assertThat(api().call("POST", "/api/identity/persons/" + person.get("id").asString() + "/real-name-confirmations",
                "zhangsan", null, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void demoAccountsMadeInKeycloakAreL1AndAnonymousCallersAreTurnedAway() {
        HttpResponse<String> zhangsan = api().get("/api/identity/me/real-name-level", "zhangsan");
        assertThat(zhangsan.statusCode()).isEqualTo(200);
        assertThat(json(zhangsan).get("level").asString()).isEqualTo("L1");
        assertThat(json(api().get("/api/identity/me/real-name-level", "taishan-foods")).get("level").asString()).isEqualTo("L1");
        assertThat(api().get("/api/identity/me/real-name-level").statusCode()).isEqualTo(401);
        assertThat(api().call("POST", "/api/identity/me/real-name-verification", "zhangsan", null, Map.of()).statusCode()).isEqualTo(404);
    }
}
