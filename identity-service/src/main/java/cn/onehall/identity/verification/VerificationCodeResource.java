package cn.onehall.identity.verification;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.identity.web.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/identity/verification-codes")
@Tag(name = "verification codes 验证码", description = "One-time codes that confirm a phone number before registration")
class VerificationCodeResource {

    record CodeRequest(@NotBlank @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String phone,
                       @NotNull VerificationCodes.Purpose purpose) {
        @Override
        public String toString() {
            return "CodeRequest[" + purpose + "]";
        }
    }

    private final VerificationCodes codes;
    private final RateLimiter limiter;
    private final IdentityProperties.RateLimit limits;

    VerificationCodeResource(VerificationCodes codes, RateLimiter limiter, IdentityProperties properties) {
        this.codes = codes;
        this.limiter = limiter;
        this.limits = properties.rateLimit();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a one-time code to a phone (public; one per number per minute, limited per client address)")
    VerificationCodes.Issued send(@Valid @RequestBody CodeRequest request, HttpServletRequest http) {
        limiter.check("codes", RateLimiter.clientAddress(http), limits.codesPerWindow(), limits.window());
        return codes.issue(request.phone(), request.purpose());
    }
}
