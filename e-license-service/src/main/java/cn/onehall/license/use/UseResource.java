package cn.onehall.license.use;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.license.licence.Holders;
import cn.onehall.license.licence.Licence;
import cn.onehall.license.licence.LicenceAccess;
import cn.onehall.license.licence.LicenceRepository;
import cn.onehall.license.licence.LicenceService;
import cn.onehall.license.type.LicenceType;
import cn.onehall.license.type.LicenceTypes;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * For application-service, in the holder's own context (their token, or their agent's, is the consent): which of the
 * caller-holder's licences satisfy these types, and the record that a case used one (用证记录), shown to the holder.
 */
@RestController
@RequestMapping("/api/licenses")
@Validated
@Tag(name = "licence use 用证", description = "Matches for a case's materials and use records, only in the holder's context")
class UseResource {

    record MatchRequest(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 40) String> typeCodes) {
    }

    record Match(String typeCode, String licenceId, String identifier, String name, LocalDate validUntil) {
    }

    record UseRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9-]+") String caseNumber,
                      @NotBlank @ValidCreditCode String departmentCode,
                      @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9_.-]+") String itemCode) {
    }

    record UseRecord(String useId, String licenceId, String identifier, String caseNumber, String departmentCode, String itemCode,
                     String agent, Instant usedAt) {
    }

    private final LicenceRepository licences;
    private final LicenceAccess access;
    private final LicenceTypes types;
    private final LicenceService service;
    private final Holders holders;
    private final JdbcClient jdbc;

    UseResource(LicenceRepository licences, LicenceAccess access, LicenceTypes types, LicenceService service, Holders holders, JdbcClient jdbc) {
        this.licences = licences;
        this.access = access;
        this.types = types;
        this.service = service;
        this.holders = holders;
        this.jdbc = jdbc;
    }

    @PostMapping("/matches")
    @Operation(summary = "The caller-holder's valid licences of these types (none of anyone else's)")
    List<Match> matches(@Valid @RequestBody MatchRequest request, @AuthenticationPrincipal Jwt jwt) {
        String holder = holders.callerIndex(CurrentUser.from(jwt));
        if (holder == null) {
            return List.of();
        }
        LocalDate today = service.today();
        return licences.validOfTypes(holder, request.typeCodes().stream().distinct().toList()).stream()
                .filter(l -> l.validOn(today))
                .map(l -> new Match(l.typeCode(), l.publicId(), l.identifier(), types.find(l.typeCode()).map(LicenceType::name).orElse(null),
                        l.validUntil()))
                .toList();
    }

    @PostMapping("/{licenceId}/uses")
    @Transactional
    @Operation(summary = "Record that a case uses the licence (201); 404 when it is not the caller-holder's or not valid")
    ResponseEntity<UseRecord> use(@PathVariable String licenceId, @Valid @RequestBody UseRequest request, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.from(jwt);
        Licence l = access.own(licenceId, user);
        if (!l.validOn(service.today())) {
            throw ProblemException.notFound("licence");
        }
        String agent = user.agentRef() == null ? null : Masking.idNumber(user.agentRef());
        String useId = newId();
        try {
            jdbc.sql("INSERT INTO licence_use (public_id, licence_id, case_number, department_code, item_code, agent_masked, used_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3))")
                    .params(useId, l.id(), request.caseNumber(), request.departmentCode().toUpperCase(java.util.Locale.ROOT), request.itemCode(), agent)
                    .update();
        } catch (DuplicateKeyException e) {
            // The same case using the same licence again: one record, answered again (a retried call is not a second use).
            UseRecord existing = jdbc.sql(SELECT + " WHERE u.licence_id = ? AND u.case_number = ? AND u.department_code = ? AND u.item_code = ?")
                    .params(l.id(), request.caseNumber(), request.departmentCode().toUpperCase(java.util.Locale.ROOT), request.itemCode())
                    .query(this::map).single();
            return ResponseEntity.status(HttpStatus.OK).body(existing);
        }
        UseRecord created = jdbc.sql(SELECT + " WHERE u.public_id = ?").param(useId).query(this::map).single();
        return ResponseEntity.created(URI.create("/api/licenses/" + licenceId + "/uses/" + useId)).body(created);
    }

    @GetMapping("/{licenceId}/uses")
    @Operation(summary = "The use records (用证记录) of the licence, for its holder and staff in scope")
    Map<String, List<UseRecord>> uses(@PathVariable String licenceId, @AuthenticationPrincipal Jwt jwt) {
        Licence l = access.readable(licenceId, CurrentUser.from(jwt));
        return Map.of("items", jdbc.sql(SELECT + " WHERE u.licence_id = ? ORDER BY u.id DESC LIMIT 500").param(l.id()).query(this::map).list());
    }

    private static final String SELECT = "SELECT u.public_id, l.public_id AS licence, l.identifier, u.case_number, u.department_code, u.item_code, "
            + "u.agent_masked, u.used_at FROM licence_use u JOIN licence l ON l.id = u.licence_id";

    private UseRecord map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new UseRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    private static String newId() {
        byte[] b = new byte[13];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
