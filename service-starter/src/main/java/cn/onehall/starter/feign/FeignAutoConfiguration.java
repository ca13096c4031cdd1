package cn.onehall.starter.feign;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

@AutoConfiguration(afterName = {"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration"})
public class FeignAutoConfiguration {

    /** Client credentials outside any request (scheduled work, event consumers): the token is cached until it expires. */
    @Bean
    @ConditionalOnMissingBean
    AuthorizedClientServiceOAuth2AuthorizedClientManager serviceAuthorizedClientManager(ClientRegistrationRepository registrations,
                                                                                       OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }

    @Bean
    @ConditionalOnBean({Tracer.class, Propagator.class})
    TraceContextInterceptor traceContextInterceptor(Tracer tracer, Propagator propagator) {
        return new TraceContextInterceptor(tracer, propagator);
    }

    @Bean
    CallerTokenInterceptor callerTokenInterceptor(AuthorizedClientServiceOAuth2AuthorizedClientManager manager) {
        return new CallerTokenInterceptor(manager);
    }
}
