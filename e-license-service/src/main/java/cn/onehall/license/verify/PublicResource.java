package cn.onehall.license.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.license.licence.Licence;
import cn.onehall.license.licence.LicenceRepository;
import cn.onehall.license.signing.SigningKeys;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/licenses/public")
@Tag(name = "public verification 证照核验", description = "Anonymous: verify a licence, its QR code, the issuers' public keys (rate-limited)")
class PublicResource {

    private final Verification verification;
    private final SigningKeys keys;
    private final LicenceRepository licences;

    PublicResource(Verification verification, SigningKeys keys, LicenceRepository licences) {
        this.verification = verification;
        this.keys = keys;
        this.licences = licences;
    }

    @GetMapping("/keys")
    @Operation(summary = "The issuing departments' SM2 public keys (X.509 SubjectPublicKeyInfo, base64), active and retired, with their key ids")
    ResponseEntity<Map<String, List<SigningKeys.PublicKey>>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(Map.of("keys", keys.published()));
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify by identifier + verification code, or by the QR payload; the verdict is VALID only for a licence that may be relied on")
    ResponseEntity<Verification.Result> verify(@RequestParam(required = false) String identifier, @RequestParam(required = false) String code,
                                               @RequestParam(required = false) String payload) {
        Verification.Result result;
        if (payload != null && identifier == null && code == null) {
            result = verification.byPayload(payload);
        } else if (payload == null && identifier != null && code != null) {
            result = verification.byIdentifier(identifier, code);
        } else {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Send either identifier and code, or payload");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(result);
    }

    @GetMapping("/status/{licenceId}")
    @Operation(summary = "The live status of a licence, for verifiers that checked a QR payload offline")
    ResponseEntity<Verification.Result> status(@PathVariable String licenceId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(verification.status(licenceId));
    }

    @GetMapping("/{licenceId}/qr.png")
    @Operation(summary = "The licence's QR code as PNG: a link to the verification with the signed payload")
    ResponseEntity<byte[]> png(@PathVariable String licenceId, @RequestParam(defaultValue = "360") int size) {
        if (size < 120 || size > 1200) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "size must be 120 to 1200 pixels");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrImages.png(qrText(licenceId), size));
    }

    @GetMapping("/{licenceId}/qr.svg")
    @Operation(summary = "The licence's QR code as SVG")
    ResponseEntity<String> svg(@PathVariable String licenceId) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).cacheControl(CacheControl.noStore())
                .body(QrImages.svg(qrText(licenceId)));
    }

    private String qrText(String licenceId) {
        Licence l = licences.byPublicId(licenceId).orElseThrow(() -> ProblemException.notFound("licence"));
        return verification.verifyUrl(verification.payloadOf(l));
    }
}
