package cn.onehall.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param clientId     the gateway's confidential client in Keycloak
 * @param clientSecret its secret (from the environment or a Secret, never from the repo)
 * @param corsOrigins  portal origins allowed to call the API from a browser
 * @param publicPaths  GET paths open without login
 * @param publicPosts  the few POST paths open without login (registration behind a one-time code, complaints)
 */
@ConfigurationProperties("onehall.gateway")
public record GatewayProperties(String clientId, String clientSecret, List<String> corsOrigins, List<String> publicPaths,
                                List<String> publicPosts) {
}
