package cn.onehall.gateway.security;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The gateway's Keycloak client, built from the issuer without a discovery call, so the gateway starts while
 * Keycloak is still starting. The end-session endpoint is set here because RP-initiated logout reads it from
 * the provider metadata that discovery would otherwise have filled.
 */
@Configuration(proxyBeanMethods = false)
public class KeycloakClientRegistration {

    public static final String REGISTRATION_ID = "keycloak";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(@Value("${onehall.issuer}") String issuer,
            @Value("${onehall.issuer-backchannel}") String backchannel, GatewayProperties gateway) {
        // The browser is sent to the issuer; the gateway calls Keycloak on its back-channel address.
        String oidc = issuer + "/protocol/openid-connect";
        String oidcBackchannel = backchannel + "/protocol/openid-connect";
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(gateway.clientId())
                .clientSecret(gateway.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(issuer)
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidcBackchannel + "/token")
                .jwkSetUri(oidcBackchannel + "/certs")
                .userInfoUri(oidcBackchannel + "/userinfo")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .clientName("OneHall 一网通办")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    /** Authorized clients (the user's tokens) live in the Redis-backed session, so any gateway replica can relay them. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }
}
