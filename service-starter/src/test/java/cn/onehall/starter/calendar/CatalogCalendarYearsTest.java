package cn.onehall.starter.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpServer;

import cn.onehall.starter.problem.ProblemException;

/** The catalogue's answer (its JSON shape, as the catalogue's own CalendarWebTest pins it) served by a local HTTP server. */
class CatalogCalendarYearsTest {

    private static final String Y2026 = """
            {"year":2026,"source":"国务院办公厅通知","version":3,"loadedAt":"2026-01-01T00:00:00Z",
             "daysOff":[{"date":"2026-10-01","name":"国庆节"},{"date":"2026-10-02","name":"国庆节"},{"date":"2026-10-05","name":"国庆节"},
                        {"date":"2026-10-06","name":"国庆节"},{"date":"2026-10-07","name":"国庆节"}],
             "makeUpWorkingDays":[{"date":"2026-10-10","name":"调休上班"}]}""";

    private HttpServer server;
    private WorkingDayCalendar calendar;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/catalog/calendar/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = path.endsWith("/2026") ? 200 : path.endsWith("/2031") ? 500 : 404;
            byte[] body = (status == 200 ? Y2026 : "{\"code\":\"CALENDAR_YEAR_MISSING\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
        calendar = new WorkingDayCalendar(new CatalogCalendarYears(client)::load);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countsWorkingDaysOverTheCataloguesYear() {
        assertThat(calendar.addWorkingDays(LocalDate.parse("2026-09-30"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
        assertThat(calendar.status(LocalDate.parse("2026-10-10")).reason()).isEqualTo("MAKE_UP_WORKING_DAY:调休上班");
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-09-30"), LocalDate.parse("2026-10-12"))).isEqualTo(4);
    }

    @Test
    void anUnpublishedYearIsAnExplicitErrorAndAFailureIsNotAGuess() {
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2030-01-05"), 3))
                .isInstanceOf(ProblemException.class).hasMessageContaining("2030");
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2031-03-03"))).isInstanceOf(HttpServerErrorException.class);
    }
}
