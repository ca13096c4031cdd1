package cn.onehall.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onehall.identity.*}.
 *
 * @param keycloakAdminUrl  the realm's admin REST base ({@code http://host/admin/realms/onehall}); blank = derived from the issuer this service reaches Keycloak on ({@code onehall.issuer-backchannel})
 * @param applicantRole     realm role every registrant gets
 * @param codeSender        {@code outbox} (default: the code_outbox table) or the name of another {@code CodeSender} bean
 * @param realNameVerifier  {@code dev} (default) or the name of another {@code RealNameVerifier} bean
 */
@ConfigurationProperties("onehall.identity")
public record IdentityProperties(
        String keycloakAdminUrl,
        @DefaultValue("applicant") String applicantRole,
        @DefaultValue("outbox") String codeSender,
        @DefaultValue("dev") String realNameVerifier,
        @DefaultValue VerificationCode verificationCode,
        @DefaultValue RateLimit rateLimit) {

    public record VerificationCode(@DefaultValue("5m") Duration ttl, @DefaultValue("60s") Duration resendAfter,
                                   @DefaultValue("5") int maxAttempts) {
    }

    public record RateLimit(@DefaultValue("10m") Duration window, @DefaultValue("20") int codesPerWindow,
                            @DefaultValue("10") int registrationsPerWindow) {
    }
}
