package cn.onehall.identity.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

class MyDataTest extends IdentityTestSupport {

    @Test
    void aPersonSeesThemselfMaskedAndExportsEverythingInFull() {
        String idNumber = newIdNumber();
        registerPerson("高导出", idNumber);
        api().call("POST", "/api/identity/enterprises/91440781MA4W00001L/agents", "taishan-foods",
                Map.of("idNumber", idNumber, "allItems", true, "validUntil", LocalDate.now().plusDays(10).toString()), Map.of());
        String token = tokenOf(idNumber, PASSWORD);

        HttpResponse<String> me = callWithToken("GET", "/api/identity/me", token, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).doesNotContain(idNumber).contains("********");
        assertThat(json(me).get("person").get("realNameLevel").asString()).isEqualTo("L1");

        HttpResponse<String> export = callWithToken("GET", "/api/identity/me/export", token, null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode data = json(export);
        assertThat(data.get("person").get("idNumber").asString()).isEqualTo(idNumber);
        assertThat(data.get("person").get("phone").asString()).matches("1[3-9]\\d{9}");
        assertThat(data.get("authorisationsAsAgent").toString()).contains("91440781MA4W00001L");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'person.exported-own-data' AND resource_id = ?")
                .param(data.get("person").get("id").asString()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aDemoAccountExportsWhatLittleIsHeld() {
        HttpResponse<String> export = api().get("/api/identity/me/export", "zhangsan");
        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode person = json(export).get("person");
        assertThat(person == null || person.isNull()).isTrue();
        assertThat(export.body()).doesNotContain("440781198803140029");
        assertThat(api().get("/api/identity/me/export").statusCode()).isEqualTo(401);
    }
}
