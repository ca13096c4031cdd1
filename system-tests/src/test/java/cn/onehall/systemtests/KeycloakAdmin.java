package cn.onehall.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import cn.onehall.starter.testsupport.HallEnv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The real Keycloak's admin REST API, for tests that must change a client setting for a moment. */
final class KeycloakAdmin {

    static final String BASE = "http://localhost:8180";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakAdmin() {
    }

    /** A token of the master realm's admin: also a perfectly valid token from a foreign issuer. */
    static String masterAdminToken() {
        String body = Browser.encode(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", HallEnv.require("ONEHALL_KEYCLOAK_ADMIN_PASSWORD")));
        JsonNode token = Browser.JSON.readTree(send(HttpRequest.newBuilder(URI.create(BASE + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))));
        return token.get("access_token").asString();
    }

    /** Sets one attribute of a client of the onehall realm and returns its previous value (null when unset). */
    static String setClientAttribute(String clientId, String attribute, String value) {
        String admin = masterAdminToken();
        JsonNode clients = Browser.JSON.readTree(send(HttpRequest.newBuilder(URI.create(BASE + "/admin/realms/onehall/clients?clientId=" + clientId))
                .header("Authorization", "Bearer " + admin).GET()));
        ObjectNode client = (ObjectNode) clients.get(0);
        ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        String previous = attributes.has(attribute) ? attributes.get(attribute).asString() : null;
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.put(attribute, value);
        }
        send(HttpRequest.newBuilder(URI.create(BASE + "/admin/realms/onehall/clients/" + client.get("id").asString()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(client.toString())));
        return previous;
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak admin API answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
