package cn.onehall.supervision.card;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import cn.onehall.starter.security.CurrentUser;
import cn.onehall.supervision.config.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/supervision/cards")
@Validated
@Tag(name = "cards 红黄牌", description = "Yellow and red cards on cases: time, process and content rules")
class CardResource {

    record Page(List<Card> items, String nextCursor) {
    }

    private final JdbcClient jdbc;

    CardResource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "Cards in the caller's scope, newest first (keyset pages)",
            description = "Supervisors see their region subtree (token claim region), officers and department admins their own "
                    + "department, platform admins everything. status ACTIVE (default), CLEARED or ALL.")
    Page list(@RequestParam(required = false) @ValidRegionCode String region,
              @RequestParam(required = false) @ValidCreditCode String department,
              @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String caseNumber,
              @RequestParam(defaultValue = "ACTIVE") @Pattern(regexp = "ACTIVE|CLEARED|ALL") String status,
              @RequestParam(required = false) @Pattern(regexp = "YELLOW|RED") String colour,
              @RequestParam(required = false) @Pattern(regexp = "TIME|PROCESS|CONTENT") String kind,
              @RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String cursor,
              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
              @AuthenticationPrincipal Jwt jwt) {
        Scope scope = Scope.of(CurrentUser.from(jwt));
        String inRegion = scope.regionFor(region);
        String inDepartment = scope.departmentFor(department);
        StringBuilder sql = new StringBuilder("SELECT * FROM card WHERE 1 = 1");
        var params = new java.util.LinkedHashMap<String, Object>();
        if (inRegion != null) {
            sql.append(" AND region_code LIKE :region");
            params.put("region", RegionCode.subtreePrefix(inRegion) + "%");
        }
        if (inDepartment != null) {
            sql.append(" AND department_code = :department");
            params.put("department", inDepartment);
        }
        if (caseNumber != null) {
            sql.append(" AND case_number = :caseNumber");
            params.put("caseNumber", caseNumber);
        }
        if (status.equals("ACTIVE")) {
            sql.append(" AND active_key IS NOT NULL");
        } else if (status.equals("CLEARED")) {
            sql.append(" AND active_key IS NULL");
        }
        if (colour != null) {
            sql.append(" AND colour = :colour");
            params.put("colour", colour);
        }
        if (kind != null) {
            sql.append(" AND kind = :kind");
            params.put("kind", kind);
        }
        if (cursor != null) {
            sql.append(" AND seq < :cursor");
            params.put("cursor", Long.parseLong(cursor));
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        params.put("limit", limit + 1);
        List<Object[]> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Object[] {rs.getLong("seq"), new Card(
                rs.getString("card_id"), rs.getString("colour"), rs.getString("kind"), rs.getString("rule"), rs.getString("case_number"), rs.getString("complaint_number"),
                rs.getString("department_code"), rs.getString("region_code"), rs.getString("item_code"),
                rs.getObject("raised_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getObject("cleared_at", LocalDateTime.class) == null ? null : rs.getObject("cleared_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("active_key") == null ? "CLEARED" : "ACTIVE")}).list();
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        return new Page(page.stream().map(r -> (Card) r[1]).toList(), more ? String.valueOf(page.getLast()[0]) : null);
    }
}
