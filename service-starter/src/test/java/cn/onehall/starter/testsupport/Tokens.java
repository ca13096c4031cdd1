package cn.onehall.starter.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Access tokens from the real Keycloak of {@code ./hall}: demo users by password grant (dev realm only), clients by client credentials. */
public final class Tokens {

    public static final String DEMO_PASSWORD = "Demo#2026";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A demo user's token through the dev-only {@code onehall-dev} client. Cached: tokens live 5 minutes, test runs are shorter per class. */
    public static String user(String username) {
        return CACHE.computeIfAbsent("user:" + username, u -> user(username, "onehall-dev"));
    }

    /** A fresh (uncached) demo user's token through the given dev client, e.g. {@code onehall-dev-short-lived}. */
    public static String user(String username, String devClient) {
        return fetch(Map.of("grant_type", "password", "client_id", devClient, "username", username, "password", DEMO_PASSWORD,
                "scope", "openid"));
    }

    /** A client-credentials token, e.g. {@code county-taishan} with secret variable ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET. */
    public static String client(String clientId, String secretVariable) {
        return CACHE.computeIfAbsent("client:" + clientId, c -> fetch(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", HallEnv.require(secretVariable))));
    }

    private static String fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(HallEnv.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + HallEnv.issuer() + ": start it with ./hall up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
