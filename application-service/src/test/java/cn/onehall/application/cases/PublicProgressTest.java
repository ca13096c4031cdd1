package cn.onehall.application.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;
import tools.jackson.databind.JsonNode;

/** The anonymous progress query: the query code opens status and dates, nothing personal; guessing is rate limited per caller. */
class PublicProgressTest extends CaseTestSupport {

    @Test
    void guessingQueryCodesIsRateLimitedPerCallerAddress() {
        JsonNode receipt = submitted("zhangsan", PARALLEL_ITEM);
        String n = receipt.get("caseNumber").asString();
        String address = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        List<Integer> codes = new ArrayList<>();
        // 20 per minute in this test context: 41 guesses exceed the limit even when a minute boundary falls in between
        for (int i = 0; i < 41 && !codes.contains(429); i++) {
            codes.add(progress(n, "GUESS" + (100 + i), address).statusCode());
        }
        assertThat(codes.getFirst()).isEqualTo(404);
        assertThat(codes).contains(429);
        HttpResponse<String> limited = progress(n, receipt.get("queryCode").asString(), address);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("code").asString()).isEqualTo("RATE_LIMITED");
        // another caller is not affected, and the right code opens the case
        HttpResponse<String> other = progress(n, receipt.get("queryCode").asString(), "198.51.100.9");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(json(other).get("steps").get(0).get("action").asString()).isEqualTo("drafted");
        assertThat(other.body()).doesNotContain("zhangsan", "440781198803140029", "13800138000", "holder");
    }

    HttpResponse<String> progress(String caseNumber, String code, String address) {
        return call("GET", "/api/applications/public/progress?caseNumber=" + caseNumber + "&queryCode=" + code, null, null,
                Map.of("X-Forwarded-For", address));
    }
}
