package cn.onehall.identity.registration;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.identity.web.Idempotency;
import cn.onehall.identity.web.RateLimiter;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/identity")
@Tag(name = "registration 注册", description = "Real-name accounts of natural persons and enterprises, behind a one-time code")
class RegistrationResource {

    static final String PHONE = "1[3-9]\\d{9}";
    static final String PHONE_MESSAGE = "must be an 11-digit mainland mobile number";

    record PersonRequest(
            @NotBlank @Size(max = 30) @Pattern(regexp = "[\\p{IsHan}A-Za-z·. ]{2,30}", message = "must be 2-30 Chinese characters or letters") String name,
            @NotBlank @Size(max = 18) String idNumber,
            @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits sent to the phone") String verificationCode,
            @NotBlank @Size(min = 8, max = 64, message = "must have 8-64 characters") String password,
            @ValidRegionCode String regionCode) {
        @Override
        public String toString() {
            return "PersonRequest[masked]"; // never the password or personal data, whoever logs it
        }
    }

    record EnterpriseRequest(
            @NotBlank @Size(min = 2, max = 100) String name,
            @NotBlank @Size(max = 18) String creditCode,
            @NotBlank @Size(max = 18) String legalRepresentativeIdNumber,
            @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits sent to the phone") String verificationCode,
            @NotBlank @Size(min = 8, max = 64, message = "must have 8-64 characters") String password) {
        @Override
        public String toString() {
            return "EnterpriseRequest[masked]";
        }
    }

    private final Registrations registrations;
    private final RateLimiter limiter;
    private final IdentityProperties.RateLimit limits;

    RegistrationResource(Registrations registrations, RateLimiter limiter, IdentityProperties properties) {
        this.registrations = registrations;
        this.limiter = limiter;
        this.limits = properties.rateLimit();
    }

    @PostMapping("/persons")
    @Operation(summary = "Register a natural person (public): name, ID number (GB 11643), phone confirmed by the one-time code, "
            + "a password that goes to Keycloak only. 409 when the ID number has an account, 503 when Keycloak is unreachable.")
    ResponseEntity<String> person(@Valid @RequestBody PersonRequest r, HttpServletRequest http,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        limiter.check("registrations", RateLimiter.clientAddress(http), limits.registrationsPerWindow(), limits.window());
        Registrations.Outcome outcome = registrations.registerPerson(new Registrations.PersonForm(r.name().strip(), r.idNumber(), r.phone(),
                r.verificationCode(), r.password(), r.regionCode()), Idempotency.validKey(key));
        return answer(outcome);
    }

    @PostMapping("/enterprises")
    @Operation(summary = "Register an enterprise (public): name, unified social credit code (GB 32100), the legal representative's ID "
            + "number, a contact phone confirmed by the one-time code, a password for Keycloak. 409 when the credit code has an account.")
    ResponseEntity<String> enterprise(@Valid @RequestBody EnterpriseRequest r, HttpServletRequest http,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        limiter.check("registrations", RateLimiter.clientAddress(http), limits.registrationsPerWindow(), limits.window());
        Registrations.Outcome outcome = registrations.registerEnterprise(new Registrations.EnterpriseForm(r.name().strip(), r.creditCode(),
                r.legalRepresentativeIdNumber(), r.phone(), r.verificationCode(), r.password()), Idempotency.validKey(key));
        return answer(outcome);
    }

    private static ResponseEntity<String> answer(Registrations.Outcome outcome) {
        return ResponseEntity.status(outcome.status()).location(URI.create("/api/identity/me")).contentType(MediaType.APPLICATION_JSON)
                .body(outcome.body());
    }
}
