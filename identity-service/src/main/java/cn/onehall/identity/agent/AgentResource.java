package cn.onehall.identity.agent;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.identity.web.Idempotency;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidIdNumber;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/identity")
@Validated
@Tag(name = "agents 经办人", description = "Who may act for an enterprise, and which enterprise I act for")
class AgentResource {

    record GrantRequest(@NotBlank @ValidIdNumber String idNumber, boolean allItems,
                        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String> itemCodes,
                        @NotNull LocalDate validUntil) {
        @Override
        public String toString() {
            return "GrantRequest[masked]";
        }
    }

    record ActingForRequest(@ValidCreditCode String creditCode) {
    }

    private final Agents agents;

    AgentResource(Agents agents) {
        this.agents = agents;
    }

    @PostMapping("/enterprises/{creditCode}/agents")
    @Operation(summary = "Authorise a person (by ID number) to act for the enterprise, for all items or a list, until a date. "
            + "The enterprise account or its legal representative only; anyone else gets 404.")
    ResponseEntity<String> authorise(@PathVariable String creditCode, @Valid @RequestBody GrantRequest r, @AuthenticationPrincipal Jwt jwt,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Agents.Created created = agents.authorise(creditCode, new Agents.Grant(r.idNumber(), r.allItems(), r.itemCodes(), r.validUntil()),
                CurrentUser.from(jwt), jwt.getClaimAsString("name"), Idempotency.validKey(key));
        return ResponseEntity.status(created.status()).contentType(MediaType.APPLICATION_JSON).body(created.body());
    }

    @GetMapping("/enterprises/{creditCode}/agents")
    @Operation(summary = "The enterprise's authorisations, agents' ID numbers masked (keyset pages)")
    Agents.Page list(@PathVariable String creditCode, @RequestParam(required = false) @Pattern(regexp = "[0-9a-f-]{36}") String cursor,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, @AuthenticationPrincipal Jwt jwt) {
        return agents.list(creditCode, CurrentUser.from(jwt), cursor, limit);
    }

    @DeleteMapping("/enterprises/{creditCode}/agents/{authorisationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an authorisation; an agent acting under it is switched back to themself")
    void revoke(@PathVariable String creditCode, @PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String authorisationId,
                @AuthenticationPrincipal Jwt jwt) {
        agents.revoke(creditCode, authorisationId, CurrentUser.from(jwt));
    }

    @GetMapping("/me/enterprises")
    @Operation(summary = "The enterprises I may act for now")
    List<Agents.Principal> mine(@AuthenticationPrincipal Jwt jwt) {
        return agents.principals(CurrentUser.from(jwt));
    }

    @GetMapping("/me/acting-scope")
    @Operation(summary = "For peers, with the caller's token: may the caller act on this item for the holder in their token right now "
            + "(an agent only under an active authorisation covering the item)")
    Agents.Scope scope(@RequestParam @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String itemCode, @AuthenticationPrincipal Jwt jwt) {
        return agents.scope(CurrentUser.from(jwt), itemCode);
    }

    @PutMapping("/me/acting-for")
    @Operation(summary = "Act for an enterprise I am authorised for ({creditCode}), or for myself again ({creditCode: null}); "
            + "my next token (a refresh) carries holder_type, holder_ref and agent_ref")
    Agents.ActingAs actFor(@Valid @RequestBody ActingForRequest r, @AuthenticationPrincipal Jwt jwt) {
        return agents.actFor(r.creditCode(), CurrentUser.from(jwt));
    }
}
