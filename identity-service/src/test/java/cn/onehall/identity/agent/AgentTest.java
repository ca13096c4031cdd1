package cn.onehall.identity.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

/**
 * Enterprise agents against the real Keycloak: the switch is seen in a refreshed token. The persons switched are
 * accounts this class registers (deleted afterwards), never the shared demo users, whose tokens other tests use.
 */
class AgentTest extends IdentityTestSupport {

    static final String TAISHAN_FOODS = "91440781MA4W00001L";
    static final String LISI = "440781199005151238";

    static Map<String, Object> grant(String idNumber) {
        return Map.of("idNumber", idNumber, "allItems", true, "validUntil", LocalDate.now().plusDays(30).toString());
    }

    @Test
    void taishanFoodsAuthorisesAPersonWhoSwitchesAndTheRefreshedTokenCarriesTheEnterprise() {
        String idNumber = newIdNumber();
        registerPerson("黄经办", idNumber);
        HttpResponse<String> granted = api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods",
                grant(idNumber), Map.of());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(granted.body()).doesNotContain(idNumber);
        String authorisation = json(granted).get("id").asString();

        JsonNode login = loginOf(idNumber, PASSWORD);
        String token = login.get("access_token").asString();
        JsonNode mine = json(callWithToken("GET", "/api/identity/me/enterprises", token, null));
        assertThat(mine.toString()).contains(TAISHAN_FOODS);
        assertThat(mine.get(0).get("actingNow").asBoolean()).isFalse();

        HttpResponse<String> switched = callWithToken("PUT", "/api/identity/me/acting-for", token, Map.of("creditCode", TAISHAN_FOODS));
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        JsonNode refreshed = refresh(login);
        JsonNode claims = claims(refreshed.get("access_token").asString());
        assertThat(claims.get("holder_type").asString()).isEqualTo("LEGAL_PERSON");
        assertThat(claims.get("holder_ref").asString()).isEqualTo(TAISHAN_FOODS);
        assertThat(claims.get("agent_ref").asString()).isEqualTo(idNumber);
        // Acting for the enterprise, the person is still who they are: they may switch back, but not manage its agents.
        String acting = refreshed.get("access_token").asString();
        assertThat(json(callWithToken("GET", "/api/identity/me/enterprises", acting, null)).get(0).get("actingNow").asBoolean()).isTrue();
        assertThat(callWithToken("GET", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", acting, null).statusCode()).isEqualTo(404);

        Map<String, Object> self = new HashMap<>();
        self.put("creditCode", null);
        assertThat(callWithToken("PUT", "/api/identity/me/acting-for", acting, self).statusCode()).isEqualTo(200);
        JsonNode back = claims(refresh(refreshed).get("access_token").asString());
        assertThat(back.get("holder_type").asString()).isEqualTo("NATURAL_PERSON");
        assertThat(back.get("holder_ref").asString()).isEqualTo(idNumber);
        assertThat(back.has("agent_ref")).isFalse();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'agent.authorised' AND resource_id = ?").param(TAISHAN_FOODS)
                .query(Long.class).single()).isPositive();
        assertThat(api().call("DELETE", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents/" + authorisation, "taishan-foods", null, Map.of())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void revokingWhileThePersonActsSwitchesThemBackAndTheyCannotSwitchAgain() {
        String idNumber = newIdNumber();
        registerPerson("何代理", idNumber);
        String authorisation = json(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods",
                grant(idNumber), Map.of())).get("id").asString();
        JsonNode login = loginOf(idNumber, PASSWORD);
        callWithToken("PUT", "/api/identity/me/acting-for", login.get("access_token").asString(), Map.of("creditCode", TAISHAN_FOODS));
        JsonNode acting = refresh(login);
        assertThat(claims(acting.get("access_token").asString()).get("holder_ref").asString()).isEqualTo(TAISHAN_FOODS);

        assertThat(api().call("DELETE", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents/" + authorisation, "taishan-foods", null, Map.of())
                .statusCode()).isEqualTo(204);
        JsonNode after = refresh(acting);
        assertThat(claims(after.get("access_token").asString()).get("holder_ref").asString()).isEqualTo(idNumber);
        String token = after.get("access_token").asString();
        assertThat(json(callWithToken("GET", "/api/identity/me/enterprises", token, null))).isEmpty();
        assertThat(callWithToken("PUT", "/api/identity/me/acting-for", token, Map.of("creditCode", TAISHAN_FOODS)).statusCode()).isEqualTo(404);
        JsonNode list = json(api().get("/api/identity/enterprises/" + TAISHAN_FOODS + "/agents?limit=200", "taishan-foods"));
        assertThat(list.toString()).contains(authorisation, "REVOKED");
    }

    @Test
    void anAgentsItemListAndRevocationAreExactAtTheMomentOfTheAct() {
        String idNumber = newIdNumber();
        registerPerson("邓清单", idNumber);
        String item = "11440781MB2C00012D4440781001000";
        String authorisation = json(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods",
                Map.of("idNumber", idNumber, "allItems", false, "itemCodes", List.of(item), "validUntil", LocalDate.now().plusDays(5).toString()),
                Map.of())).get("id").asString();
        JsonNode login = loginOf(idNumber, PASSWORD);
        assertThat(json(callWithToken("GET", "/api/identity/me/acting-scope?itemCode=" + item, login.get("access_token").asString(), null))
                .get("reason").asString()).isEqualTo("OWN_BEHALF");
        callWithToken("PUT", "/api/identity/me/acting-for", login.get("access_token").asString(), Map.of("creditCode", TAISHAN_FOODS));
        String acting = refresh(login).get("access_token").asString();
        JsonNode listed = json(callWithToken("GET", "/api/identity/me/acting-scope?itemCode=" + item, acting, null));
        assertThat(listed.get("allowed").asBoolean()).isTrue();
        assertThat(listed.get("reason").asString()).isEqualTo("AUTHORISED_ITEM");
        JsonNode other = json(callWithToken("GET", "/api/identity/me/acting-scope?itemCode=OTHER-ITEM", acting, null));
        assertThat(other.get("allowed").asBoolean()).isFalse();
        // Revoked: the old token still names the enterprise, but the answer is exact now.
        api().call("DELETE", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents/" + authorisation, "taishan-foods", null, Map.of());
        JsonNode revoked = json(callWithToken("GET", "/api/identity/me/acting-scope?itemCode=" + item, acting, null));
        assertThat(revoked.get("allowed").asBoolean()).isFalse();
        assertThat(revoked.get("reason").asString()).isEqualTo("NOT_AUTHORISED");
    }

    @Test
    void lisiIsAuthorisedForAListOfItemsAndSeesTheEnterprise() {
        Map<String, Object> items = Map.of("idNumber", LISI, "allItems", false, "itemCodes", List.of("11440781MB2C00012D4440781001000"),
                "validUntil", LocalDate.now().plusDays(7).toString());
        HttpResponse<String> granted = api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods", items, Map.of());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        JsonNode mine = json(api().get("/api/identity/me/enterprises", "lisi"));
        assertThat(mine.toString()).contains(TAISHAN_FOODS, "11440781MB2C00012D4440781001000");
        assertThat(mine.get(0).get("allItems").asBoolean()).isFalse();
        // Revoked again at once: lisi is a shared demo user, and nothing of this test should outlive it.
        api().call("DELETE", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents/" + json(granted).get("id").asString(), "taishan-foods",
                null, Map.of());
    }

    @Test
    void theLegalRepresentativeOfARegisteredEnterpriseAuthorisesToo() {
        String legalRep = newIdNumber();
        registerPerson("罗法人", legalRep);
        String creditCode = newCreditCode();
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        requestCode(phone, from);
        willCreate(creditCode);
        assertThat(api().call("POST", "/api/identity/enterprises", null, Map.of("name", "台山市罗氏贸易有限公司", "creditCode", creditCode,
                "legalRepresentativeIdNumber", legalRep, "phone", phone, "verificationCode", lastCodeSentTo(phone), "password", PASSWORD), from)
                .statusCode()).isEqualTo(201);
        String token = tokenOf(legalRep, PASSWORD);
        String agent = newIdNumber();
        HttpResponse<String> granted = callWithToken("POST", "/api/identity/enterprises/" + creditCode + "/agents", token, grant(agent));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(json(granted).get("enterpriseName").asString()).isEqualTo("台山市罗氏贸易有限公司");
    }

    @Test
    void nobodyElseMayAuthoriseAndBadGrantsAre400() {
        assertThat(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "zhangsan", grant(newIdNumber()), Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(api().get("/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "zhangsan").statusCode()).isEqualTo(404);
        assertThat(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "officer-market", grant(newIdNumber()), Map.of())
                .statusCode()).isEqualTo(404);
        Map<String, Object> past = Map.of("idNumber", newIdNumber(), "allItems", true, "validUntil", LocalDate.now().minusDays(1).toString());
        assertThat(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods", past, Map.of()).statusCode())
                .isEqualTo(400);
        Map<String, Object> noItems = Map.of("idNumber", newIdNumber(), "allItems", false, "validUntil", LocalDate.now().plusDays(3).toString());
        assertThat(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods", noItems, Map.of()).statusCode())
                .isEqualTo(400);
        Map<String, Object> badId = Map.of("idNumber", "440781198803140028", "allItems", true, "validUntil", LocalDate.now().plusDays(3).toString());
        assertThat(api().call("POST", "/api/identity/enterprises/" + TAISHAN_FOODS + "/agents", "taishan-foods", badId, Map.of()).statusCode())
                .isEqualTo(400);
        // zhangsan has no authorisation from taishan-foods.
        assertThat(api().call("PUT", "/api/identity/me/acting-for", "zhangsan", Map.of("creditCode", TAISHAN_FOODS), Map.of()).statusCode())
                .isEqualTo(404);
    }
}
