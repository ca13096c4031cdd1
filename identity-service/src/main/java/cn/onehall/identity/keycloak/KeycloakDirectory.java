package cn.onehall.identity.keycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * The realm's users through Keycloak's admin REST API, as identity-service's own service account (realm-management
 * manage-users, view-users, query-users, view-realm). Keycloak holds credentials; we pass a registrant's password
 * through once and never keep it.
 *
 * <p>Keycloak unreachable, timing out or failing (5xx), or no service token: {@code 503 SERVICE_UNAVAILABLE}.
 */
@Component
public class KeycloakDirectory {

    private static final Logger log = LoggerFactory.getLogger(KeycloakDirectory.class);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> USERS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;
    private final OAuth2AuthorizedClientManager clients;

    public KeycloakDirectory(IdentityProperties properties, @Value("${onehall.issuer-backchannel}") String issuer,
                             OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
        String base = properties.keycloakAdminUrl() == null || properties.keycloakAdminUrl().isBlank()
                ? issuer.replace("/realms/", "/admin/realms/") : properties.keycloakAdminUrl();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().baseUrl(base).requestFactory(factory).build();
    }

    /** A new user: attributes as single values; the password is sent once as a non-temporary credential. */
    public record NewUser(String username, String firstName, String lastName, Map<String, String> attributes, String password) {
        @Override
        public String toString() {
            return "NewUser[" + username + "]"; // never the password or attributes (personal data)
        }
    }

    /** Keycloak ids of users whose attribute has exactly this value. */
    public List<String> idsByAttribute(String name, String value) {
        return call(() -> {
            List<Map<String, Object>> found = http.get()
                    .uri(u -> u.path("/users").queryParam("q", "{q}").queryParam("exact", "true").queryParam("briefRepresentation", "true")
                            .queryParam("max", "10").build(name + ":" + value))
                    .headers(this::auth).retrieve().body(USERS);
            return found == null ? List.<String>of() : found.stream().map(u -> (String) u.get("id")).toList();
        });
    }

    /** Full representations of users whose attribute has exactly this value, in Keycloak's order (by username), a page at a time. */
    public List<Map<String, Object>> usersByAttribute(String name, String value, int first, int max) {
        return call(() -> {
            List<Map<String, Object>> found = http.get()
                    .uri(u -> u.path("/users").queryParam("q", "{q}").queryParam("exact", "true").queryParam("first", first)
                            .queryParam("max", max).build(name + ":" + value))
                    .headers(this::auth).retrieve().body(USERS);
            return found == null ? List.<Map<String, Object>>of() : found;
        });
    }

    public Optional<String> idByUsername(String username) {
        return call(() -> {
            List<Map<String, Object>> found = http.get()
                    .uri(u -> u.path("/users").queryParam("username", "{u}").queryParam("exact", "true").build(username))
                    .headers(this::auth).retrieve().body(USERS);
            return found == null || found.isEmpty() ? Optional.<String>empty() : Optional.of((String) found.getFirst().get("id"));
        });
    }

    /** @return the new user's id; a username already taken is a 409 */
    public String create(NewUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("enabled", true);
        body.put("firstName", user.firstName());
        body.put("lastName", user.lastName());
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        user.attributes().forEach((k, v) -> attributes.put(k, List.of(v)));
        body.put("attributes", attributes);
        if (user.password() != null) {
            body.put("credentials", List.of(Map.of("type", "password", "value", user.password(), "temporary", false)));
        }
        return call(() -> {
            try {
                URI location = http.post().uri("/users").headers(this::auth).contentType(MediaType.APPLICATION_JSON).body(body)
                        .retrieve().toBodilessEntity().getHeaders().getLocation();
                if (location == null) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SERVICE_UNAVAILABLE,
                            "The identity provider did not confirm the new account; try again later");
                }
                String path = location.getPath();
                return path.substring(path.lastIndexOf('/') + 1);
            } catch (HttpClientErrorException.Conflict e) {
                throw ProblemException.conflict("ACCOUNT_EXISTS", "An account with this ID number or credit code already exists");
            } catch (HttpClientErrorException.BadRequest e) {
                // Keycloak's own checks (user profile validators, password policy): the message names the field, never the value.
                throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION,
                        "The identity provider refused the account: " + errorMessage(e));
            }
        });
    }

    public void grantRealmRole(String userId, String role) {
        call(() -> {
            Map<String, Object> representation = role(role);
            http.post().uri("/users/{id}/role-mappings/realm", userId).headers(this::auth).contentType(MediaType.APPLICATION_JSON)
                    .body(List.of(representation)).retrieve().toBodilessEntity();
            return null;
        });
    }

    public void removeRealmRole(String userId, String role) {
        call(() -> {
            Map<String, Object> representation = role(role);
            http.method(org.springframework.http.HttpMethod.DELETE).uri("/users/{id}/role-mappings/realm", userId).headers(this::auth)
                    .contentType(MediaType.APPLICATION_JSON).body(List.of(representation)).retrieve().toBodilessEntity();
            return null;
        });
    }

    private Map<String, Object> role(String role) {
        try {
            return http.get().uri("/roles/{role}", role).headers(this::auth).retrieve().body(OBJECT);
        } catch (HttpClientErrorException.NotFound e) {
            // A configuration mistake, not the caller's: a 500, and the registration compensates.
            throw new IllegalArgumentException("realm role '" + role + "' does not exist in Keycloak");
        }
    }

    public List<String> realmRoles(String userId) {
        return call(() -> {
            List<Map<String, Object>> roles = http.get().uri("/users/{id}/role-mappings/realm", userId).headers(this::auth).retrieve().body(USERS);
            return roles == null ? List.<String>of() : roles.stream().map(r -> (String) r.get("name")).toList();
        });
    }

    public Optional<Map<String, Object>> user(String userId) {
        return call(() -> {
            try {
                return Optional.ofNullable(http.get().uri("/users/{id}", userId).headers(this::auth).retrieve().body(OBJECT));
            } catch (HttpClientErrorException.NotFound e) {
                return Optional.<Map<String, Object>>empty();
            }
        });
    }

    /** Single-valued attributes of a user; a null value removes the attribute. Read-modify-write of the whole user, as Keycloak wants. */
    @SuppressWarnings("unchecked")
    public void updateAttributes(String userId, Map<String, String> changes) {
        call(() -> {
            Map<String, Object> user = http.get().uri("/users/{id}", userId).headers(this::auth).retrieve().body(OBJECT);
            if (user == null) {
                throw ProblemException.notFound("account");
            }
            Map<String, Object> attributes = new LinkedHashMap<>(user.get("attributes") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
            changes.forEach((k, v) -> {
                if (v == null) {
                    attributes.remove(k);
                } else {
                    attributes.put(k, List.of(v));
                }
            });
            Map<String, Object> update = new LinkedHashMap<>();
            for (String field : List.of("username", "firstName", "lastName", "email", "enabled", "emailVerified")) {
                if (user.containsKey(field)) {
                    update.put(field, user.get(field));
                }
            }
            update.put("attributes", attributes);
            http.put().uri("/users/{id}", userId).headers(this::auth).contentType(MediaType.APPLICATION_JSON).body(update)
                    .retrieve().toBodilessEntity();
            return null;
        });
    }

    public void setEnabled(String userId, boolean enabled) {
        call(() -> {
            Map<String, Object> user = http.get().uri("/users/{id}", userId).headers(this::auth).retrieve().body(OBJECT);
            if (user == null) {
                throw ProblemException.notFound("account");
            }
            Map<String, Object> update = new LinkedHashMap<>();
            for (String field : List.of("username", "firstName", "lastName", "email", "emailVerified", "attributes")) {
                if (user.containsKey(field)) {
                    update.put(field, user.get(field));
                }
            }
            update.put("enabled", enabled);
            http.put().uri("/users/{id}", userId).headers(this::auth).contentType(MediaType.APPLICATION_JSON).body(update)
                    .retrieve().toBodilessEntity();
            return null;
        });
    }

    /** Removes a user; gone already is fine (compensation may run twice). */
    public void delete(String userId) {
        call(() -> {
            try {
                http.delete().uri("/users/{id}", userId).headers(this::auth).retrieve().toBodilessEntity();
            } catch (HttpClientErrorException.NotFound e) {
                // already gone
            }
            return null;
        });
    }

    private void auth(HttpHeaders headers) {
        OAuth2AuthorizedClient client = clients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId("onehall-service").principal("identity-service").build());
        if (client == null) {
            throw new IllegalStateException("no client-credentials token for identity-service");
        }
        headers.setBearerAuth(client.getAccessToken().getTokenValue());
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ResourceAccessException | HttpServerErrorException | OAuth2AuthorizationException | IllegalStateException e) {
            // The class only: messages of HTTP client exceptions can carry URLs and bodies, which may hold personal data.
            log.warn("Keycloak admin API unavailable: {} (caused by {})", e.getClass().getSimpleName(), rootCause(e).getClass().getSimpleName());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SERVICE_UNAVAILABLE,
                    "The identity provider is not reachable right now; nothing was changed, try again later");
        } catch (HttpClientErrorException.Unauthorized | HttpClientErrorException.Forbidden e) {
            log.error("Keycloak admin API refused identity-service's service account: {}", e.getStatusCode());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SERVICE_UNAVAILABLE,
                    "The identity provider is not available to this service right now; try again later");
        } catch (HttpClientErrorException.NotFound e) {
            throw ProblemException.notFound("account");
        }
    }

    private static String errorMessage(RestClientException e) {
        String body = e instanceof HttpClientErrorException h ? h.getResponseBodyAsString() : "";
        int at = body.indexOf("\"errorMessage\"");
        if (at < 0) {
            return "rejected";
        }
        String rest = body.substring(at + 14);
        int start = rest.indexOf('"');
        int end = start < 0 ? -1 : rest.indexOf('"', start + 1);
        return start < 0 || end < 0 ? "rejected" : rest.substring(start + 1, end);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
