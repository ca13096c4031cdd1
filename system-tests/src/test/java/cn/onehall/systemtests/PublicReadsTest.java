package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** What a citizen can read without logging in, through the gateway: themes, regions, the working-day calendar. */
class PublicReadsTest {

    @Test
    void themesRegionsAndDueDatesAreOpen() {
        HttpResponse<String> themes = Bearer.get(GATEWAY + "/api/catalog/themes", null);
        assertThat(themes.statusCode()).isEqualTo(200);
        assertThat(json(themes)).hasSize(65);
        assertThat(Bearer.get(GATEWAY + "/api/catalog/regions/440781", null).body()).contains("台山市");
        HttpResponse<String> due = Bearer.get(GATEWAY + "/api/catalog/calendar/due-date?from=2026-09-30&workingDays=1", null);
        assertThat(json(due).get("dueDate").asString()).isEqualTo("2026-10-08");
    }

    @Test
    void writesStayClosedWithoutLogin() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(GATEWAY + "/api/catalog/admin/calendar/2031"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"daysOff\":[],\"makeUpWorkingDays\":[]}")).build();
        assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(Bearer.get(GATEWAY + "/api/catalog/audit", null).statusCode()).isEqualTo(401);
    }
}
