package cn.onehall.starter.security;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import cn.onehall.starter.problem.ProblemSecurityHandlers;

/**
 * Every service is a resource server that checks the Keycloak JWT itself: nothing trusts the network.
 * Deny by default; a service opens its public reads (GET and HEAD only) with {@code onehall.public-paths}, and the
 * few anonymous submissions (registration behind a one-time code, complaints) one by one with {@code onehall.public-posts}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
public class ResourceServerSecurityAutoConfiguration {

    private static final String[] ALWAYS_OPEN = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/api/*/v3/api-docs", "/api/*/v3/api-docs/**", "/api/*/swagger-ui.html", "/api/*/swagger-ui/**", "/error"};

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, ProblemSecurityHandlers problems, Environment environment)
            throws Exception {
        // Bound, not @Value: @Value would silently ignore a YAML list and leave every public read closed.
        List<String> publicPaths = Binder.get(environment).bind("onehall.public-paths", Bindable.listOf(String.class)).orElse(List.of());
        List<String> publicPosts = Binder.get(environment).bind("onehall.public-posts", Bindable.listOf(String.class)).orElse(List.of());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(ALWAYS_OPEN).permitAll();
                    if (!publicPaths.isEmpty()) {
                        // Public means reading: a write on a public path still needs a token.
                        auth.requestMatchers(HttpMethod.GET, publicPaths.toArray(String[]::new)).permitAll();
                        auth.requestMatchers(HttpMethod.HEAD, publicPaths.toArray(String[]::new)).permitAll();
                    }
                    if (!publicPosts.isEmpty()) {
                        // Anonymous submissions: each guards itself (one-time code, throttling) and is listed exactly.
                        auth.requestMatchers(HttpMethod.POST, publicPosts.toArray(String[]::new)).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RealmRoleAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * Signature by the realm's published keys, issuer and expiry with a small clock skew (Spring's default of 60 s
     * would accept an expired token for a minute).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                          @Value("${onehall.security.clock-skew:5s}") Duration clockSkew) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer)));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(cn.onehall.starter.problem.ProblemWriter writer) {
        return new ProblemSecurityHandlers(writer);
    }
}
