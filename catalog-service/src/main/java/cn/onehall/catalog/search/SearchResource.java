package cn.onehall.catalog.search;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.catalog.item.PowerType;
import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.catalog.theme.ServiceObject;
import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "search 事项搜索", description = "Chinese full-text search over the published items (Lucene, smartcn + bigrams)")
class SearchResource {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

    record SearchResult(String q, List<ItemSearchIndex.Hit> items) {
    }

    private final ItemSearchIndex index;
    private final RegionDirectory regions;

    SearchResource(ItemSearchIndex index, RegionDirectory regions) {
        this.index = index;
        this.regions = regions;
    }

    @GetMapping("/api/catalog/search")
    @Operation(summary = "Search items of a region (and those its upper levels publish for it) by name, keywords, synonyms and guide text;"
            + " ranked, with <em> highlights; filters as on the list")
    ResponseEntity<SearchResult> search(@RequestParam @NotBlank @Size(max = 50) String q,
                                        @RequestParam @NotBlank @ValidRegionCode String region,
                                        @RequestParam(required = false) @Pattern(regexp = "(NP|LP)[0-9]{2}", message = "is not a theme code") String theme,
                                        @RequestParam(required = false) ServiceObject serviceObject,
                                        @RequestParam(required = false) @ValidCreditCode String department,
                                        @RequestParam(required = false) PowerType powerType,
                                        @RequestParam(required = false) @Min(1) @Max(5) Integer onlineDepth,
                                        @RequestParam(required = false) @Min(0) @Max(10) Integer visits,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
        regions.require(region);
        List<ItemSearchIndex.Hit> hits = index.search(q.strip(), new ItemSearchIndex.Filters(region, theme,
                serviceObject == null ? null : serviceObject.name(), department == null ? null : department.toUpperCase(Locale.ROOT),
                powerType == null ? null : powerType.name(), onlineDepth, visits), limit);
        return ResponseEntity.ok().cacheControl(CACHE).body(new SearchResult(q.strip(), hits));
    }
}
