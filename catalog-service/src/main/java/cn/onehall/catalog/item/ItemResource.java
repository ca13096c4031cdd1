package cn.onehall.catalog.item;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.catalog.theme.ServiceObject;
import cn.onehall.catalog.theme.ThemeCatalogue;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Public reads of the catalogue (no login): lists, guides, exact versions, and the change feed for county halls. */
@RestController
@RequestMapping("/api/catalog")
@Validated
@Tag(name = "items 实施清单事项", description = "Implementation items and their published service guides (办事指南)")
class ItemResource {

    private static final CacheControl CURRENT = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    private static final CacheControl EXACT = CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic();

    record Change(long cursor, String kind, String code, Integer version, String regionCode, String occurredAt) {
    }

    record ChangePage(List<Change> items, String nextCursor) {
    }

    private final ItemReads reads;
    private final RegionDirectory regions;
    private final ThemeCatalogue themes;
    private final JdbcClient jdbc;

    ItemResource(ItemReads reads, RegionDirectory regions, ThemeCatalogue themes, JdbcClient jdbc) {
        this.reads = reads;
        this.regions = regions;
        this.themes = themes;
        this.jdbc = jdbc;
    }

    @GetMapping("/items")
    @Operation(summary = "Published items for a region (its own and its upper levels'), filtered; keyset pages; ETag / 304",
            description = "visits=0 is the 不见面 list, visits=1 the 见一次面 list.")
    ResponseEntity<String> list(@RequestParam @NotBlank @ValidRegionCode String region,
                                @RequestParam(required = false) @Pattern(regexp = "(NP|LP)[0-9]{2}", message = "is not a theme code") String theme,
                                @RequestParam(required = false) ServiceObject serviceObject,
                                @RequestParam(required = false) @ValidCreditCode String department,
                                @RequestParam(required = false) PowerType powerType,
                                @RequestParam(required = false) @Min(1) @Max(5) Integer onlineDepth,
                                @RequestParam(required = false) @Min(0) @Max(10) Integer visits,
                                @RequestParam(required = false) @Pattern(regexp = "[0-9A-Z]{35,41}", message = "is not a cursor of this list") String cursor,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        regions.require(region);
        if (theme != null && themes.find(theme).isEmpty()) {
            throw GuideRules.invalid("theme", "theme " + theme + " does not exist");
        }
        ItemReads.CachedList page = reads.list(new ItemReads.ListQuery(region, theme, serviceObject,
                department == null ? null : department.toUpperCase(java.util.Locale.ROOT), powerType, onlineDepth, visits, cursor, limit));
        if (page.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(page.etag()).cacheControl(CURRENT).build();
        }
        return ResponseEntity.ok().eTag(page.etag()).cacheControl(CURRENT).contentType(MediaType.APPLICATION_JSON).body(page.json());
    }

    @GetMapping("/items/{code}")
    @Operation(summary = "The guide valid today, or on ?at=YYYY-MM-DD; ETag / 304. A revoked item answers with status REVOKED")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Guide.class)))
    ResponseEntity<String> current(@PathVariable String code,
                                   @Parameter(description = "the day whose valid version is wanted") @RequestParam(required = false) LocalDate at,
                                   @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(reads.at(code, at), ifNoneMatch, at == null ? CURRENT : EXACT);
    }

    @GetMapping("/items/{code}/versions/{version}")
    @Operation(summary = "One exact published version (what a case was filed against), also of a revoked item; ETag / 304")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Guide.class)))
    ResponseEntity<String> version(@PathVariable String code, @PathVariable @Min(1) @Max(100000) int version,
                                   @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(reads.version(code, version), ifNoneMatch, EXACT);
    }

    record Export(String regionCode, String cursor, List<Guide> items) {
    }

    @GetMapping("/export")
    @Operation(summary = "Full export of the published guides for a region (its own and its upper levels'), with the change-feed cursor to resume from")
    ResponseEntity<Export> export(@RequestParam @NotBlank @ValidRegionCode String region) {
        regions.require(region);
        long cursor = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM catalog_change").query(Long.class).single();
        List<Guide> guides = new java.util.ArrayList<>();
        String after = null;
        do {
            ItemReads.ItemPage page = reads.page(new ItemReads.ListQuery(region, null, null, null, null, null, null, after, 200));
            page.items().forEach(i -> reads.listed(i.code()).ifPresent(guides::add));
            after = page.nextCursor();
        } while (after != null);
        return ResponseEntity.ok().cacheControl(CURRENT).body(new Export(region, Long.toString(cursor), guides));
    }

    @GetMapping("/changes")
    @Operation(summary = "Every publish and revoke in order, resumable with ?after=CURSOR, for county and city halls mirroring the catalogue")
    ChangePage changes(@RequestParam(required = false) @Pattern(regexp = "[0-9]{1,18}", message = "is not a cursor of the change feed") String after,
                       @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<Change> changes = jdbc.sql("SELECT seq, kind, code, version, region_code, occurred_at FROM catalog_change WHERE seq > ? ORDER BY seq LIMIT ?")
                .params(after == null ? 0L : Long.parseLong(after), limit)
                .query((rs, i) -> new Change(rs.getLong("seq"), rs.getString("kind"), rs.getString("code"), (Integer) rs.getObject("version"),
                        rs.getString("region_code"), rs.getTimestamp("occurred_at").toInstant().toString()))
                .list();
        return new ChangePage(changes, changes.size() == limit ? Long.toString(changes.getLast().cursor()) : null);
    }

    private static ResponseEntity<String> answer(ItemReads.CachedGuide guide, String ifNoneMatch, CacheControl cache) {
        if (guide.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(guide.etag()).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(guide.etag()).cacheControl(cache).contentType(MediaType.APPLICATION_JSON).body(guide.json());
    }
}
