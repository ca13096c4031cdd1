package cn.onehall.license.credential;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.license.licence.Licence;
import cn.onehall.license.licence.LicenceAccess;
import cn.onehall.license.type.LicenceTypes;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "verifiable credentials 可验证凭证", description = "W3C VC 2.0 (vc+jwt, ES256) export and Bitstring Status Lists")
class CredentialResource {

    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");

    private final Credentials credentials;
    private final VcKeys keys;
    private final LicenceAccess access;
    private final LicenceTypes types;

    CredentialResource(Credentials credentials, VcKeys keys, LicenceAccess access, LicenceTypes types) {
        this.credentials = credentials;
        this.keys = keys;
        this.access = access;
        this.types = types;
    }

    @GetMapping("/api/licenses/{licenceId}/credential")
    @Operation(summary = "The holder's licence as a W3C Verifiable Credential 2.0 (vc+jwt, ES256), with its status-list entries")
    ResponseEntity<String> export(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        Licence l = access.own(licenceId, CurrentUser.from(jwt));
        return ResponseEntity.ok().contentType(VC_JWT).cacheControl(CacheControl.noStore()).body(credentials.export(l, types.get(l.typeCode())));
    }

    @GetMapping("/api/licenses/public/status-lists/{departmentCode}/{purpose}")
    @Operation(summary = "The issuer's Bitstring Status List credential (purpose revocation or suspension), current at each request")
    ResponseEntity<String> statusList(@PathVariable String departmentCode, @PathVariable String purpose) {
        return ResponseEntity.ok().contentType(VC_JWT).cacheControl(CacheControl.noStore()).body(credentials.statusList(departmentCode, purpose));
    }

    @GetMapping("/api/licenses/public/jwks.json")
    @Operation(summary = "The issuers' ES256 public keys (JWK Set) that sign credentials and status lists")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }
}
