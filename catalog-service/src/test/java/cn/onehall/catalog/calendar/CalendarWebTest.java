package cn.onehall.catalog.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.TestSchema;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calendar endpoints over HTTP with the real MariaDB (fresh schema, 2026 seeded at start-up) and real Keycloak tokens.
 * 2026 is only ever sent failing writes here; each successful write uses its own year so tests stay independent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CalendarWebTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PATH = "/api/catalog/admin/calendar/";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "catalog-calendar");
    }

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CalendarAdministration administration;

    // ---- helpers

    private HttpResponse<String> send(String method, String path, String bearer, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, null, headers);
    }

    private HttpResponse<String> put(int year, String user, String body, String... headers) throws Exception {
        return send("PUT", ADMIN_PATH + year, user == null ? null : Tokens.user(user), body, headers);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    /** Days off 10-01 and 10-02, and the last Saturday of September as a make-up working day. */
    private static String year(int year, String dayOffName) {
        LocalDate makeUp = LocalDate.of(year, 9, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SATURDAY));
        return """
                {"year":%d,"source":"测试安排","daysOff":[{"date":"%d-10-01","name":"%s"},{"date":"%d-10-02","name":"%s"}],
                 "makeUpWorkingDays":[{"date":"%s","name":"国庆节调休"}]}""".formatted(year, year, dayOffName, year, dayOffName, makeUp);
    }

    private String etag(int year) throws Exception {
        return get("/api/catalog/calendar/" + year).headers().firstValue("ETag").orElseThrow();
    }

    // ---- due date

    @Test
    void dueDateSkipsNationalDayWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/api/catalog/calendar/due-date?from=2026-09-30&workingDays=1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("from").asString()).isEqualTo("2026-09-30");
        assertThat(body.get("workingDays").asInt()).isEqualTo(1);
        assertThat(body.get("dueDate").asString()).isEqualTo("2026-10-08");
        assertThat(body.get("unit").asString()).isEqualTo("WORKING_DAYS");
    }

    @Test
    void dueDateInCalendarDays() throws Exception {
        HttpResponse<String> response = get("/api/catalog/calendar/due-date?from=2026-09-30&workingDays=1&unit=CALENDAR_DAYS");
        assertThat(json(response).get("dueDate").asString()).isEqualTo("2026-10-01");
        assertThat(json(response).get("unit").asString()).isEqualTo("CALENDAR_DAYS");
    }

    @Test
    void dueDateIntoAYearWithoutCalendarIs422NamingTheYear() throws Exception {
        HttpResponse<String> response = get("/api/catalog/calendar/due-date?from=2026-12-31&workingDays=1");
        assertProblem(response, 422, "CALENDAR_YEAR_MISSING");
        assertThat(json(response).get("detail").asString()).contains("2027");
        assertThat(json(response).get("year").asInt()).isEqualTo(2027);
        assertProblem(get("/api/catalog/calendar/working-day?date=2027-03-01"), 422, "CALENDAR_YEAR_MISSING");
    }

    @Test
    void badDueDateInputIsA400WithEveryField() throws Exception {
        HttpResponse<String> missing = get("/api/catalog/calendar/due-date");
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(errorFields(missing)).containsExactly("from", "workingDays");
        HttpResponse<String> bad = get("/api/catalog/calendar/due-date?from=2026-9-30&workingDays=3651&unit=HOURS");
        assertProblem(bad, 400, "VALIDATION_FAILED");
        assertThat(errorFields(bad)).containsExactly("from", "workingDays", "unit");
        assertThat(errorFields(get("/api/catalog/calendar/due-date?from=2026-09-30&workingDays=-1"))).containsExactly("workingDays");
        assertThat(errorFields(get("/api/catalog/calendar/due-date?from=2026-09-30&workingDays=abc"))).containsExactly("workingDays");
        assertThat(get("/api/catalog/calendar/due-date?from=2026-09-30&workingDays=0").statusCode()).isEqualTo(200);
    }

    // ---- working day

    @Test
    void workingDayGivesTheReason() throws Exception {
        assertThat(get("/api/catalog/calendar/working-day?date=2026-10-01").body())
                .isEqualTo("{\"date\":\"2026-10-01\",\"workingDay\":false,\"reason\":\"DAY_OFF:国庆节\"}");
        JsonNode makeUp = json(get("/api/catalog/calendar/working-day?date=2026-10-10"));
        assertThat(makeUp.get("workingDay").asBoolean()).isTrue();
        assertThat(makeUp.get("reason").asString()).isEqualTo("MAKE_UP_WORKING_DAY:调休上班");
        assertThat(json(get("/api/catalog/calendar/working-day?date=2026-03-07")).get("reason").asString()).isEqualTo("WEEKEND");
        assertThat(json(get("/api/catalog/calendar/working-day?date=2026-03-09")).get("reason").asString()).isEqualTo("WEEKDAY");
        HttpResponse<String> missing = get("/api/catalog/calendar/working-day");
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(errorFields(missing)).containsExactly("date");
        assertThat(errorFields(get("/api/catalog/calendar/working-day?date=yesterday"))).containsExactly("date");
    }

    // ---- year read

    @Test
    void yearIsPublicCacheableAndRevalidates() throws Exception {
        HttpResponse<String> response = get("/api/catalog/calendar/2026");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        JsonNode body = json(response);
        assertThat(body.get("year").asInt()).isEqualTo(2026);
        assertThat(body.get("source").asString()).contains("国务院办公厅");
        assertThat(body.get("daysOff")).hasSize(33);
        assertThat(body.get("daysOff").get(0).get("date").asString()).isEqualTo("2026-01-01");
        assertThat(body.get("daysOff").get(0).get("name").asString()).isEqualTo("元旦");
        assertThat(body.get("makeUpWorkingDays")).hasSize(6);
        assertThat(body.has("updatedBy")).as("who edited is not public").isFalse();
        assertThat(body.get("loadedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

        HttpResponse<String> notModified = get("/api/catalog/calendar/2026", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void unknownOrBadYearOnRead() throws Exception {
        assertProblem(get("/api/catalog/calendar/2040"), 404, "CALENDAR_YEAR_MISSING");
        assertProblem(get("/api/catalog/calendar/abc"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/catalog/calendar/99999"), 400, "VALIDATION_FAILED");
    }

    // ---- year write

    @Test
    void catalogAdminCreatesAndPlatformAdminReplacesAYear() throws Exception {
        assertProblem(get("/api/catalog/calendar/working-day?date=2030-10-01"), 422, "CALENDAR_YEAR_MISSING");

        HttpResponse<String> created = put(2030, "catalog-admin-taishan", year(2030, "国庆节"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/catalog/calendar/2030");
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo(etag(2030));
        assertThat(jdbc.sql("SELECT updated_by FROM calendar_year WHERE year = 2030").query(String.class).single()).isEqualTo("catalog-admin-taishan");
        // The writing replica sees the new year at once, although the missing year was cached a moment ago.
        assertThat(json(get("/api/catalog/calendar/working-day?date=2030-10-01")).get("reason").asString()).isEqualTo("DAY_OFF:国庆节");
        assertThat(json(get("/api/catalog/calendar/due-date?from=2030-09-27&workingDays=1")).get("dueDate").asString()).isEqualTo("2030-09-28");
        assertThat(json(get("/api/catalog/calendar/due-date?from=2030-09-27&workingDays=3")).get("dueDate").asString()).isEqualTo("2030-10-03");

        HttpResponse<String> replaced = put(2030, "platform-admin", year(2030, "国庆"), "If-Match", etag);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).hasValueSatisfying(v -> assertThat(v).isNotEqualTo(etag));
        assertThat(json(replaced).get("version").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT updated_by FROM calendar_year WHERE year = 2030").query(String.class).single()).isEqualTo("platform-admin");
        assertThat(json(get("/api/catalog/calendar/working-day?date=2030-10-01")).get("reason").asString()).isEqualTo("DAY_OFF:国庆");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM calendar_day WHERE year = 2030").query(Long.class).single()).isEqualTo(3L);
    }

    @Test
    void anApplicantMayNotWriteAndNothingIsStored() throws Exception {
        assertProblem(put(2032, "zhangsan", year(2032, "国庆节")), 403, "FORBIDDEN");
        assertProblem(put(2032, null, year(2032, "国庆节")), 401, "UNAUTHENTICATED");
        // The public read path takes no writes: 405 while public-paths open every method, 401 once they open reads only.
        assertThat(send("PUT", "/api/catalog/calendar/2032", null, year(2032, "国庆节")).statusCode()).isIn(401, 405);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM calendar_year WHERE year = 2032").query(Long.class).single()).isZero();
    }

    @Test
    void invalidBodyIsA400PerFieldAndLeavesTheYearAsItWas() throws Exception {
        String before = get("/api/catalog/calendar/2026").body();
        String etag = etag(2026);
        String body = """
                {"year":2026,"daysOff":[{"date":"2026-10-01","name":"国庆节"},{"date":"2027-01-01","name":"元旦"},
                  {"date":"2026-10-02","name":"<script>alert(1)</script>"},{"date":"2026-10-03","name":""},{"date":"10/04/2026","name":"国庆节"}],
                 "makeUpWorkingDays":[{"date":"2026-10-01","name":"调休"}]}""";
        HttpResponse<String> response = put(2026, "platform-admin", body, "If-Match", etag);
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(errorFields(response)).containsExactly("daysOff[1].date", "daysOff[2].name", "daysOff[3].name", "daysOff[4].date",
                "makeUpWorkingDays[0].date");
        assertThat(get("/api/catalog/calendar/2026").body()).isEqualTo(before);
        assertThat(etag(2026)).isEqualTo(etag);

        assertThat(errorFields(put(2033, "platform-admin", "{\"year\":2034,\"daysOff\":[],\"makeUpWorkingDays\":[]}"))).containsExactly("year");
        StringBuilder tooMany = new StringBuilder("{\"daysOff\":[");
        for (int i = 0; i < 121; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"date\":\"").append(LocalDate.of(2033, 1, 1).plusDays(i)).append("\",\"name\":\"假\"}");
        }
        tooMany.append("],\"makeUpWorkingDays\":[]}");
        assertProblem(put(2033, "platform-admin", tooMany.toString()), 400, "VALIDATION_FAILED");
        assertProblem(put(2033, "platform-admin", "{\"daysOff\":"), 400, "MALFORMED_REQUEST");
        assertProblem(put(2033, "platform-admin", "{}"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/catalog/calendar/2033"), 404, "CALENDAR_YEAR_MISSING");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM calendar_day WHERE year = 2033").query(Long.class).single()).isZero();
    }

    @Test
    void aStaleIfMatchIs409() throws Exception {
        assertThat(put(2035, "platform-admin", year(2035, "国庆节")).statusCode()).isEqualTo(201);
        String first = etag(2035);
        assertThat(put(2035, "platform-admin", year(2035, "国庆"), "If-Match", first).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = put(2035, "catalog-admin-taishan", year(2035, "国庆节日"), "If-Match", first);
        assertProblem(stale, 409, "CONFLICT");
        assertThat(json(get("/api/catalog/calendar/working-day?date=2035-10-01")).get("reason").asString()).isEqualTo("DAY_OFF:国庆");
        assertProblem(put(2036, "platform-admin", year(2036, "国庆节"), "If-Match", "\"2036-v1\""), 409, "CONFLICT");
    }

    @Test
    void twoConcurrentWritesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        assertThat(put(2034, "platform-admin", year(2034, "国庆节")).statusCode()).isEqualTo(201);
        String etag = etag(2034);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> writers = List.of(
                () -> { start.await(); return put(2034, "platform-admin", year(2034, "甲"), "If-Match", etag); },
                () -> { start.await(); return put(2034, "catalog-admin-taishan", year(2034, "乙"), "If-Match", etag); });
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> results = writers.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<HttpResponse<String>> result : results) {
                statuses.add(result.get().statusCode());
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(json(get("/api/catalog/calendar/2034")).get("version").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM calendar_day WHERE year = 2034").query(Long.class).single()).isEqualTo(3L);
    }

    // ---- seed

    @Test
    void theSeedIsLoadedOnceAndNotAgain() throws Exception {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '2' AND success = 1").query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT updated_by FROM calendar_year WHERE year = 2026").query(String.class).single()).isEqualTo("seed");
        String etag = etag(2026);
        try (var in = getClass().getResourceAsStream("/calendar/calendar-2026.json")) {
            assertThat(administration.seedIfAbsent(2026, JSON.readValue(in, CalendarYearRequest.class))).isFalse();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM calendar_day WHERE year = 2026").query(Long.class).single()).isEqualTo(39L);
        assertThat(etag(2026)).isEqualTo(etag);
    }

    @Test
    void theEndpointsAreDocumented() throws Exception {
        String docs = get("/api/catalog/v3/api-docs").body();
        assertThat(docs).contains("/api/catalog/calendar/due-date", "/api/catalog/calendar/working-day", "/api/catalog/calendar/{year}",
                "/api/catalog/admin/calendar/{year}", "工作日日历");
    }
}
