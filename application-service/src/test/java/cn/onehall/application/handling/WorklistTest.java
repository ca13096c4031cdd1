package cn.onehall.application.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;
import tools.jackson.databind.JsonNode;

/** The officers' worklist: their department only, filtered by status and due date, keyset pages in due-date order. */
class WorklistTest extends CaseTestSupport {

    @Test
    void pagesThroughTheDepartmentsCasesByDueDateWithoutGapsOrRepeats() {
        clock.set("2026-09-30T10:00:00");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String n = submitted("taishan-foods", i == 0 ? FOOD_ITEM : PARALLEL_ITEM).get("caseNumber").asString();
            if (i == 0) {
                // the food item is pre-reviewed first
                assertThat(caseAs("officer-market", n).get("status").asString()).isEqualTo("PRE_REVIEW");
            }
            assertThat(act("officer-market", n, "acceptance", Map.of()).statusCode()).isEqualTo(200);
            accepted.add(n);
        }
        List<String> seen = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(call("GET", "/api/applications/worklist?status=ACCEPTED&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    "officer-market", null));
            page.get("items").forEach(c -> {
                seen.add(c.get("caseNumber").asString());
                dues.add(c.get("dueDate").asString());
            });
            cursor = page.path("nextCursor").isMissingNode() || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsAll(accepted).doesNotHaveDuplicates();
        assertThat(dues).isSorted();
        // the food case (5 working days) is due after the parallel ones (1 working day)
        assertThat(seen.indexOf(accepted.get(0))).isGreaterThan(seen.indexOf(accepted.get(1)));

        JsonNode early = json(call("GET", "/api/applications/worklist?status=ACCEPTED&dueBy=2026-10-08&limit=200", "officer-market", null));
        assertThat(early.get("items").toString()).contains(accepted.get(1), accepted.get(2)).doesNotContain(accepted.get(0));
        JsonNode police = json(call("GET", "/api/applications/worklist?status=ACCEPTED&limit=200", "officer-police", null));
        assertThat(police.get("items").toString()).contains(accepted.get(1)).doesNotContain(accepted.get(0));
        assertThat(call("GET", "/api/applications/worklist", "zhangsan", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/applications/worklist?status=NONSENSE", "officer-market", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/applications/worklist?cursor=bm9wZQ", "officer-market", null).statusCode()).isEqualTo(400);

        // every act of the officers is in the audit log
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'case.accepted' AND resource_id = ? AND actor_username = 'officer-market'")
                .param(accepted.get(0)).query(Integer.class).single()).isEqualTo(1);
    }
}
