package cn.onehall.license.signing;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.license.licence.Holders;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/licenses/keys")
@Tag(name = "signing keys 签章密钥", description = "Rotation of the departments' SM2 keys; the public keys are at /api/licenses/public/keys")
class KeyResource {

    private final SigningKeys keys;
    private final AuditLog audit;

    KeyResource(SigningKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @PostMapping("/{departmentCode}/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('license-admin', 'platform-admin')")
    @Operation(summary = "A new signing key for the department (license-admin of its region); the old key is retired and keeps verifying")
    SigningKeys.PublicKey rotate(@PathVariable String departmentCode, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        if (!CreditCode.isValid(departmentCode)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "departmentCode is not a credit code");
        }
        String region = CreditCode.regionCode(departmentCode);
        boolean allowed = user.hasRole("platform-admin")
                || user.region() != null && region.startsWith(Holders.regionPrefix(user.region()));
        if (!allowed) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not rotate this department's key");
        }
        SigningKeys.PublicKey key = keys.rotate(departmentCode.toUpperCase(java.util.Locale.ROOT));
        audit.record("signing-key.rotate", "signing-key", key.keyId(), Outcome.SUCCESS, Map.of("departmentCode", departmentCode));
        return key;
    }
}
