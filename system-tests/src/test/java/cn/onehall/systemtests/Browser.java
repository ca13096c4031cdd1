package cn.onehall.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP client that behaves like a browser: keeps cookies, follows redirects one by one, fills Keycloak's real login form. */
final class Browser {

    static final String GATEWAY = "http://localhost:8080";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final CookieManager cookies = new CookieManager(new LocalhostCookieStore(), CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    int loginFormsSubmitted;

    HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
    }

    HttpResponse<String> api(String url) {
        return get(url, "application/json");
    }

    HttpResponse<String> postForm(String url, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        return send(request);
    }

    /** Follows redirects like a browser navigation does and returns the last answer. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = get(next.toString(), "text/html");
        }
        return response;
    }

    /** Logs in through the gateway on Keycloak's real login page; returns the authorization URL the gateway sent us to. */
    URI login(String gateway, String username, String password) {
        HttpResponse<String> start = get(gateway + "/oauth2/authorization/keycloak", "text/html");
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = follow(start);
        assertThat(page.statusCode()).as("Keycloak's login page").isEqualTo(200);
        Element form = Jsoup.parse(page.body(), page.uri().toString()).getElementById("kc-form-login");
        assertThat(form).as("login form on %s", page.uri()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        fields.put("username", username);
        fields.put("password", password);
        loginFormsSubmitted++;
        HttpResponse<String> afterLogin = follow(postForm(form.absUrl("action"), fields, Map.of()));
        assertThat(afterLogin.uri().toString()).as("back at the gateway after login").startsWith(gateway);
        return authorize;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
