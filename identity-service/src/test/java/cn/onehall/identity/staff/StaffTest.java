package cn.onehall.identity.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

/** Staff accounts in the real Keycloak; every account made here is deleted after the class. */
class StaffTest extends IdentityTestSupport {

    static final String TAISHAN_MARKET = "11440781MB2C00012D";
    static final String TAISHAN_CIVIL = "11440781MB2C000208";

    static String newUsername() {
        return "test-officer-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    Map<String, Object> staff(String username, List<String> roles, String department, String region) {
        willCreate(username);
        return Map.of("username", username, "name", "测试科员", "roles", roles, "department", department, "region", region,
                "initialPassword", PASSWORD);
    }

    @Test
    void aDeptAdminCreatesAnOfficerOfItsDepartmentChangesRolesAndDisablesIt() {
        String username = newUsername();
        HttpResponse<String> created = api().call("POST", "/api/identity/staff", "dept-admin-market",
                staff(username, List.of("officer"), TAISHAN_MARKET, "440781"), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD);
        String id = json(created).get("id").asString();
        JsonNode claims = claims(tokenOf(username, PASSWORD));
        assertThat(claims.get("department").asString()).isEqualTo(TAISHAN_MARKET);
        assertThat(claims.get("region").asString()).isEqualTo("440781");
        assertThat(claims.get("realm_access").toString()).contains("officer");

        HttpResponse<String> changed = api().call("PUT", "/api/identity/staff/" + id + "/roles", "dept-admin-market",
                Map.of("roles", List.of("officer", "supervisor")), Map.of());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(keycloak.realmRoles(id)).contains("officer", "supervisor");
        // A department cannot hand out platform roles.
        assertThat(api().call("PUT", "/api/identity/staff/" + id + "/roles", "dept-admin-market", Map.of("roles", List.of("dept-admin")), Map.of())
                .statusCode()).isEqualTo(403);

        HttpResponse<String> disabled = api().call("PUT", "/api/identity/staff/" + id + "/enabled", "dept-admin-market", Map.of("enabled", false), Map.of());
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokenOf(username, PASSWORD)).isInstanceOf(AssertionError.class);
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE resource_id = ? ORDER BY seq").param(id).query(String.class).list())
                .containsExactly("staff.created", "staff.roles-changed", "staff.disabled");
    }

    @Test
    void aDeptAdminTouchesNothingOutsideItsDepartment() {
        HttpResponse<String> other = api().call("POST", "/api/identity/staff", "dept-admin-market",
                staff(newUsername(), List.of("officer"), TAISHAN_CIVIL, "440781"), Map.of());
        assertThat(other.statusCode()).isEqualTo(403);
        String civilOfficer = keycloak.idByUsername("officer-civil").orElseThrow();
        assertThat(api().get("/api/identity/staff/" + civilOfficer, "dept-admin-market").statusCode()).isEqualTo(404);
        assertThat(api().call("PUT", "/api/identity/staff/" + civilOfficer + "/enabled", "dept-admin-market", Map.of("enabled", false), Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(keycloak.user(civilOfficer).orElseThrow().get("enabled")).isEqualTo(true);
        // Its own department's demo officer it may read.
        String marketOfficer = keycloak.idByUsername("officer-market").orElseThrow();
        assertThat(json(api().get("/api/identity/staff/" + marketOfficer, "dept-admin-market")).get("roles").toString()).contains("officer");
        // Lists: its own department, in pages; another department is refused.
        JsonNode page = json(api().get("/api/identity/staff?limit=1", "dept-admin-market"));
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("department").asString()).isEqualTo(TAISHAN_MARKET);
        JsonNode next = json(api().get("/api/identity/staff?limit=1&cursor=" + page.get("nextCursor").asString(), "dept-admin-market"));
        assertThat(next.get("items").get(0).get("id").asString()).isNotEqualTo(page.get("items").get(0).get("id").asString());
        assertThat(json(api().get("/api/identity/staff?limit=50", "dept-admin-market")).toString()).contains("officer-market").doesNotContain("officer-civil");
        assertThat(api().get("/api/identity/staff?department=" + TAISHAN_CIVIL, "dept-admin-market").statusCode()).isEqualTo(403);
        assertThat(json(api().get("/api/identity/staff?department=" + TAISHAN_CIVIL, "platform-admin")).toString()).contains("officer-civil");
        // An applicant's account is not staff.
        String zhangsan = keycloak.idByUsername("zhangsan").orElseThrow();
        assertThat(api().get("/api/identity/staff/" + zhangsan, "platform-admin").statusCode()).isEqualTo(404);
    }

    @Test
    void thePlatformAdminCreatesASupervisorAnywhereAndOthersMayNot() {
        String username = newUsername();
        HttpResponse<String> created = api().call("POST", "/api/identity/staff", "platform-admin",
                staff(username, List.of("supervisor"), "11445103MB2E00013M", "445103"), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(api().call("POST", "/api/identity/staff", "zhangsan", staff(newUsername(), List.of("officer"), TAISHAN_MARKET, "440781"), Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(api().call("POST", "/api/identity/staff", "officer-market", staff(newUsername(), List.of("officer"), TAISHAN_MARKET, "440781"), Map.of())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> twice = api().call("POST", "/api/identity/staff", "platform-admin",
                staff(username, List.of("supervisor"), "11445103MB2E00013M", "445103"), Map.of());
        assertThat(twice.statusCode()).isEqualTo(409);
        // With an Idempotency-Key a repeat gets the first answer, not a 409.
        String other = newUsername();
        Map<String, String> key = Map.of("Idempotency-Key", "staff-" + other);
        HttpResponse<String> first = api().call("POST", "/api/identity/staff", "platform-admin", staff(other, List.of("officer"), TAISHAN_MARKET, "440781"), key);
        HttpResponse<String> again = api().call("POST", "/api/identity/staff", "platform-admin", staff(other, List.of("officer"), TAISHAN_MARKET, "440781"), key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Location").orElse("")).endsWith(json(first).get("id").asString());
        assertThat(api().call("POST", "/api/identity/staff", "platform-admin",
                staff("440781199001010011", List.of("officer"), TAISHAN_MARKET, "440781"), Map.of()).statusCode()).isEqualTo(400);
    }
}
