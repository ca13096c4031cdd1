package cn.onehall.catalog.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** The 65 themes of seed 000 annex 3, public and cacheable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThemesTest {

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "catalog-themes");
    }

    HttpResponse<String> get(String path, String ifNoneMatch) {
        return new LocalApi(environment).call("GET", path, null, null, ifNoneMatch == null ? Map.of() : Map.of("If-None-Match", ifNoneMatch));
    }

    @Test
    void all65ThemesArePublicInLifeCycleOrder() throws Exception {
        HttpResponse<String> response = get("/api/catalog/themes", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode themes = LocalApi.JSON.readTree(response.body());
        assertThat(themes).hasSize(65);
        assertThat(themes.get(0).get("code").asString()).isEqualTo("NP01");
        assertThat(themes.get(0).get("name").asString()).isEqualTo("生育收养");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("public");
    }

    @Test
    void themesOfOneServiceObject() throws Exception {
        JsonNode legal = LocalApi.JSON.readTree(get("/api/catalog/themes?serviceObject=LEGAL_PERSON", null).body());
        assertThat(legal).hasSize(34);
        assertThat(legal.get(0).get("name").asString()).isEqualTo("设立变更");
        assertThat(LocalApi.JSON.readTree(get("/api/catalog/themes?serviceObject=NATURAL_PERSON", null).body())).hasSize(31);
        assertThat(get("/api/catalog/themes?serviceObject=ALIEN", null).statusCode()).isEqualTo(400);
    }

    @Test
    void anUnchangedListIsA304() throws Exception {
        String etag = get("/api/catalog/themes", null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/api/catalog/themes", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void oneThemeAndAnUnknownOne() throws Exception {
        JsonNode np16 = LocalApi.JSON.readTree(get("/api/catalog/themes/NP16", null).body());
        assertThat(np16.get("name").asString()).isEqualTo("社会保障");
        assertThat(np16.get("note").asString()).contains("社会保险");
        assertThat(get("/api/catalog/themes/XX99", null).statusCode()).isEqualTo(404);
    }
}
