package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** A department's key rotates: new licences are signed by the new key, what the old one signed keeps verifying. */
class KeyRotationTest extends LicenceTestBase {

    private static final String MARKET = "11440781MB2C00012D";

    @Test
    void rotationRetiresTheOldKeyWhichKeepsVerifyingWhatItSigned() {
        JsonNode before = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String oldPayload = json(api.get("/api/licenses/" + before.get("licenceId").asString() + "/qr-payload", ADMIN)).get("payload").asString();

        HttpResponse<String> r = post("/api/licenses/keys/" + MARKET + "/rotate", ADMIN, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String newKey = json(r).get("keyId").asString();
        assertThat(newKey).startsWith(MARKET + "-").isNotEqualTo(before.get("keyId").asString());

        JsonNode keys = json(anonymous("/api/licenses/public/keys")).get("keys");
        assertThat(keys.valueStream().filter(k -> k.get("keyId").asString().equals(before.get("keyId").asString()))
                .findFirst().orElseThrow().get("status").asString()).isEqualTo("RETIRED");
        assertThat(keys.valueStream().filter(k -> k.get("departmentCode").asString().equals(MARKET) && k.get("status").asString().equals("ACTIVE")).count())
                .isEqualTo(1);

        JsonNode after = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        assertThat(after.get("keyId").asString()).isEqualTo(newKey);
        // the licence signed before the rotation still verifies, by identifier and by its old QR payload
        assertThat(json(anonymous("/api/licenses/public/verify?identifier=" + q(before.get("identifier").asString()) + "&code="
                + before.get("verificationCode").asString())).get("verdict").asString()).isEqualTo("VALID");
        assertThat(json(anonymous("/api/licenses/public/verify?payload=" + q(oldPayload))).get("verdict").asString()).isEqualTo("VALID");
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE resource_id = ?").param(newKey).query(String.class).list())
                .containsExactly("signing-key.rotate");
    }

    @Test
    void onlyAdminsOfTheDepartmentsRegionRotate() {
        assertThat(post("/api/licenses/keys/" + MARKET + "/rotate", "zhangsan", Map.of()).statusCode()).isEqualTo(403);
        assertThat(post("/api/licenses/keys/11445103MB2E00013M/rotate", ADMIN, Map.of()).statusCode()).isEqualTo(403); // Chaoan
        assertThat(post("/api/licenses/keys/NOT-A-CODE/rotate", ADMIN, Map.of()).statusCode()).isEqualTo(400);
    }
}
