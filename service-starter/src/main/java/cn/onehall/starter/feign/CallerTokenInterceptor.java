package cn.onehall.starter.feign;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * In a user's request, the peer sees the user (their token is relayed, so data scope follows them);
 * in background work, the peer sees this service through its own client-credentials token.
 */
public class CallerTokenInterceptor implements RequestInterceptor {

    static final String REGISTRATION = "onehall-service";

    private final OAuth2AuthorizedClientManager clients;

    public CallerTokenInterceptor(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    @Override
    public void apply(RequestTemplate template) {
        if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String token = auth instanceof JwtAuthenticationToken jwt ? jwt.getToken().getTokenValue() : serviceToken();
        template.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private String serviceToken() {
        OAuth2AuthorizedClient client = clients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal("onehall-service").build());
        if (client == null) {
            throw new IllegalStateException("no client-credentials token for " + REGISTRATION);
        }
        return client.getAccessToken().getTokenValue();
    }
}
