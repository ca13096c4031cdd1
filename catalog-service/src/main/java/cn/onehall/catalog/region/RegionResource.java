package cn.onehall.catalog.region;

import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Public reads of the region tree (行政区划), cacheable: it changes rarely. */
@RestController
@RequestMapping("/api/catalog/regions")
@Tag(name = "regions 行政区划", description = "GB/T 2260 regions of the hall")
class RegionResource {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    record RegionView(String code, String name, String level, String parentCode, List<Region> children) {
    }

    private final RegionRepository regions;

    RegionResource(RegionRepository regions) {
        this.regions = regions;
    }

    @GetMapping
    @Operation(summary = "Top-level regions (省级)")
    ResponseEntity<List<Region>> roots() {
        return ResponseEntity.ok().cacheControl(CACHE).body(regions.roots());
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region with its children (下级区划)")
    ResponseEntity<RegionView> one(@PathVariable String code) {
        Region region = regions.find(code).orElseThrow(() -> ProblemException.notFound("Region " + sanitise(code)));
        return ResponseEntity.ok().cacheControl(CACHE)
                .body(new RegionView(region.code(), region.name(), region.level().name(), region.parentCode(), regions.children(code)));
    }

    /** Echo only what a region code may contain, so a problem detail never reflects markup. */
    private static String sanitise(String code) {
        return code.replaceAll("[^0-9]", "?");
    }
}
