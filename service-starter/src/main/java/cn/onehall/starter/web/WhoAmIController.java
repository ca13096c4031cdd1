package cn.onehall.starter.web;

import java.time.Instant;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/<area>/whoami}: the caller as this service sees it. Same code in every service, one place. */
@RestController
@Tag(name = "whoami", description = "The caller as this service sees it (当前用户)")
public class WhoAmIController {

    private final String service;

    public WhoAmIController(String service) {
        this.service = service;
    }

    public record WhoAmI(String service, String subject, String username, String clientId, Set<String> roles,
                         String region, String department, String holderType, Instant tokenExpiresAt) {
    }

    @GetMapping("/api/${onehall.area}/whoami")
    @Operation(summary = "Who am I (当前用户)", description = "Subject, realm roles, region, department and holder type from the access token")
    public WhoAmI whoami(@AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        return new WhoAmI(service, user.subject(), user.username(), user.clientId(), user.roles(), user.region(),
                user.department(), user.holderType(), jwt.getExpiresAt());
    }
}
