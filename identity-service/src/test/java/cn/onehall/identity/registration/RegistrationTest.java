package cn.onehall.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

/** Registration of persons and enterprises against the real Keycloak, MariaDB and Redis. */
class RegistrationTest extends IdentityTestSupport {

    @Test
    void aPersonRegistersWithTheCodeAndCanLogInWithTheirOwnPassword() {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        String idNumber = newIdNumber();
        HttpResponse<String> sent = requestCode(phone, from);
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(json(sent).get("expiresInSeconds").asLong()).isEqualTo(300);

        willCreate(idNumber);
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null,
                personForm("王小明", idNumber, phone, lastCodeSentTo(phone)), from);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.get("idNumber").asString()).isEqualTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14));
        assertThat(body.get("phone").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(body.get("name").asString()).isEqualTo("王**");
        assertThat(body.get("realNameLevel").asString()).isEqualTo("L1");
        assertThat(r.body()).doesNotContain(idNumber, phone, PASSWORD);

        // At rest: ciphertext and blind index only; no password anywhere.
        Map<String, Object> row = jdbc.sql("SELECT * FROM person WHERE keycloak_user_id = ?").param(body.get("id").asString()).query().singleRow();
        assertThat(row.values().toString()).doesNotContain(idNumber, phone, PASSWORD);
        assertThat(cipher.decrypt((String) row.get("id_number_enc"), Registrations.ID_NUMBER)).isEqualTo(idNumber);
        assertThat(row.get("id_number_index")).isEqualTo(index.of(idNumber, Registrations.ID_INDEX));

        // Keycloak: the account with its attributes and the applicant role; the registrant's password works.
        String userId = body.get("id").asString();
        Map<String, Object> user = keycloak.user(userId).orElseThrow();
        assertThat(user.get("attributes").toString()).contains("NATURAL_PERSON", idNumber, "440781");
        assertThat(keycloak.realmRoles(userId)).contains("applicant");
        JsonNode claims = claims(tokenOf(idNumber, PASSWORD));
        assertThat(claims.get("holder_ref").asString()).isEqualTo(idNumber);
        assertThat(claims.get("holder_type").asString()).isEqualTo("NATURAL_PERSON");
        assertThat(claims.get("realm_access").toString()).contains("applicant");
        // A welcome message waits in the new inbox.
        String token = tokenOf(idNumber, PASSWORD);
        assertThat(json(callWithToken("GET", "/api/identity/me/messages/unread-count", token, null)).get("unread").asLong()).isEqualTo(1L);
        assertThat(callWithToken("GET", "/api/identity/me/messages", token, null).body()).contains("欢迎使用一网通办");

        // The event, without personal data.
        Map<String, Object> event = jdbc.sql("SELECT type, subject, CAST(payload AS CHAR) AS payload FROM outbox_event WHERE subject = ?")
                .param(userId).query().singleRow();
        assertThat(event.get("type")).isEqualTo("cn.onehall.identity.person-registered");
        JsonNode data = json(event.get("payload").toString());
        assertThat(data.get("holderType").asString()).isEqualTo("NATURAL_PERSON");
        assertThat(data.get("regionCode").asString()).isEqualTo("440781");
        assertThat(data.size()).isEqualTo(2);

        // The code is spent.
        HttpResponse<String> again = api().call("POST", "/api/identity/persons", null,
                personForm("王小明", newIdNumber(), phone, lastCodeSentTo(phone)), from);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("code").asString()).isEqualTo("VERIFICATION_CODE_INVALID");
    }

    @Test
    void anIdNumberThatHasAnAccountIsA409AndLeavesNothingBehind() {
        String idNumber = newIdNumber();
        registerPerson("赵一", idNumber);
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        requestCode(phone, from);
        HttpResponse<String> twice = api().call("POST", "/api/identity/persons", null, personForm("赵一", idNumber, phone, lastCodeSentTo(phone)), from);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("code").asString()).isEqualTo("ID_NUMBER_REGISTERED");

        // zhangsan's number is in Keycloak only (a demo account): taken as well, and no local row is left.
        String zhangsan = "440781198803140029";
        HttpResponse<String> demo = api().call("POST", "/api/identity/persons", null, personForm("张三", zhangsan, phone, lastCodeSentTo(phone)), from);
        assertThat(demo.statusCode()).as(demo.body()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM person WHERE id_number_index = ?").param(index.of(zhangsan, Registrations.ID_INDEX))
                .query(Long.class).single()).isZero();
        // The failed attempts did not spend the code: it still registers someone new.
        String other = newIdNumber();
        willCreate(other);
        assertThat(api().call("POST", "/api/identity/persons", null, personForm("赵二", other, phone, lastCodeSentTo(phone)), from).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aWrongIdNumberSaysWhichCheckFailed() {
        Map<String, String> from = fromAddress();
        String good = newIdNumber();
        char wrong = good.charAt(17) == '1' ? '2' : '1';
        assertThat(failedCheck(good.substring(0, 17) + wrong, from)).isEqualTo("CHECK_CHARACTER");
        assertThat(failedCheck("44078119881340002X", from)).isEqualTo("BIRTH_DATE");
        assertThat(failedCheck("4407811988031400", from)).isEqualTo("LENGTH");
        assertThat(failedCheck("44078119880314002Y", from)).isEqualTo("CHARACTERS");
        assertThat(failedCheck("440781" + (java.time.Year.now().getValue() + 1) + "0101001" + "X", from)).isEqualTo("BIRTH_DATE");
    }

    private String failedCheck(String idNumber, Map<String, String> from) {
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, personForm("钱七", idNumber, newPhone(), "123456"), from);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = json(r).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("idNumber");
        assertThat(r.body()).doesNotContain(idNumber);
        return error.get("check").asString();
    }

    @Test
    void malformedAndOverlongFieldsAre400Problems() {
        Map<String, String> from = fromAddress();
        Map<String, Object> form = new HashMap<>(personForm("孙".repeat(40), newIdNumber(), "12345", "12"));
        form.put("password", "short");
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, form, from);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body()).contains("name", "phone", "verificationCode", "password").doesNotContain("short");
        assertThat(api().call("POST", "/api/identity/persons", null, "{not json", from).statusCode()).isEqualTo(400);
        assertThat(requestCode("not-a-phone", from).statusCode()).isEqualTo(400);
    }

    @Test
    void wrongCodesAreCountedAndTheCodeDiesAfterTooMany() {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        requestCode(phone, from);
        String right = lastCodeSentTo(phone);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, personForm("周八", newIdNumber(), phone, wrong), from);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("code").asString()).isEqualTo("VERIFICATION_CODE_INVALID");
        }
        HttpResponse<String> late = api().call("POST", "/api/identity/persons", null, personForm("周八", newIdNumber(), phone, right), fromAddress());
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(json(late).get("detail").asString()).contains("ask for a new one");
    }

    @Test
    void aSecondCodeWithinAMinuteIsRefused() {
        String phone = newPhone();
        assertThat(requestCode(phone, fromAddress()).statusCode()).isEqualTo(202);
        HttpResponse<String> again = requestCode(phone, fromAddress());
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(json(again).get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(json(again).get("retryAfterSeconds").asLong()).isPositive();
    }

    @Test
    void aRegistrationFloodFromOneAddressIsRateLimited() {
        Map<String, String> from = fromAddress();
        int limit = environment.getRequiredProperty("onehall.identity.rate-limit.registrations-per-window", Integer.class);
        for (int i = 0; i < limit; i++) {
            assertThat(api().call("POST", "/api/identity/persons", null, personForm("吴九", newIdNumber(), newPhone(), "123456"), from)
                    .statusCode()).isEqualTo(400);
        }
        HttpResponse<String> limited = api().call("POST", "/api/identity/persons", null, personForm("吴九", newIdNumber(), newPhone(), "123456"), from);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("code").asString()).isEqualTo("RATE_LIMITED");
        // Another address is not affected.
        assertThat(api().call("POST", "/api/identity/persons", null, personForm("吴九", newIdNumber(), newPhone(), "123456"), fromAddress())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void anEnterpriseRegistersByCreditCodeWithItsLegalRepresentative() {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        String creditCode = newCreditCode();
        String legalRep = newIdNumber();
        requestCode(phone, from);
        willCreate(creditCode);
        Map<String, Object> form = Map.of("name", "台山市测试食品有限公司", "creditCode", creditCode, "legalRepresentativeIdNumber", legalRep,
                "phone", phone, "verificationCode", lastCodeSentTo(phone), "password", PASSWORD);
        HttpResponse<String> r = api().call("POST", "/api/identity/enterprises", null, form, from);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.get("creditCode").asString()).isEqualTo(creditCode);
        assertThat(body.get("legalRepresentativeIdNumber").asString()).contains("********");
        assertThat(r.body()).doesNotContain(legalRep, phone);
        JsonNode claims = claims(tokenOf(creditCode, PASSWORD));
        assertThat(claims.get("holder_type").asString()).isEqualTo("LEGAL_PERSON");
        assertThat(claims.get("holder_ref").asString()).isEqualTo(creditCode);
        assertThat(jdbc.sql("SELECT type FROM outbox_event WHERE subject = ?").param(body.get("id").asString()).query(String.class).single())
                .isEqualTo("cn.onehall.identity.enterprise-registered");

        String phone2 = newPhone();
        requestCode(phone2, from);
        Map<String, Object> twice = new HashMap<>(form);
        twice.put("phone", phone2);
        twice.put("verificationCode", lastCodeSentTo(phone2));
        HttpResponse<String> conflict = api().call("POST", "/api/identity/enterprises", null, twice, from);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("code").asString()).isEqualTo("CREDIT_CODE_REGISTERED");
        // The demo enterprise taishan-foods exists in Keycloak only.
        twice.put("creditCode", "91440781MA4W00001L");
        assertThat(api().call("POST", "/api/identity/enterprises", null, twice, from).statusCode()).isEqualTo(409);
    }

    @Test
    void aWrongCreditCodeSaysWhichCheckFailed() {
        String good = newCreditCode();
        char wrong = good.charAt(17) == '1' ? '2' : '1';
        Map<String, Object> form = new HashMap<>(Map.of("name", "某公司", "creditCode", good.substring(0, 17) + wrong,
                "legalRepresentativeIdNumber", newIdNumber(), "phone", newPhone(), "verificationCode", "123456", "password", PASSWORD));
        HttpResponse<String> r = api().call("POST", "/api/identity/enterprises", null, form, fromAddress());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("check").asString()).isEqualTo("CHECK_CHARACTER");
        form.put("creditCode", "91440781MA4W0000IL");
        assertThat(json(api().call("POST", "/api/identity/enterprises", null, form, fromAddress())).get("errors").get(0).get("check").asString())
                .isEqualTo("CHARACTERS");
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        Map<String, String> from = new HashMap<>(fromAddress());
        from.put("Idempotency-Key", "reg-" + System.nanoTime());
        String phone = newPhone();
        String idNumber = newIdNumber();
        requestCode(phone, from);
        willCreate(idNumber);
        Map<String, Object> form = personForm("郑十", idNumber, phone, lastCodeSentTo(phone));
        HttpResponse<String> first = api().call("POST", "/api/identity/persons", null, form, from);
        HttpResponse<String> second = api().call("POST", "/api/identity/persons", null, form, from);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(keycloak.idsByAttribute("holder_ref", idNumber)).hasSize(1);
        Map<String, Object> other = new HashMap<>(form);
        other.put("name", "郑十一");
        assertThat(api().call("POST", "/api/identity/persons", null, other, from).statusCode()).isEqualTo(422);
    }

    static JsonNode json(String s) {
        return cn.onehall.starter.testsupport.LocalApi.JSON.readTree(s);
    }
}
