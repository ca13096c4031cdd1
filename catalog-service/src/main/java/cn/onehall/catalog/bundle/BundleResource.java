package cn.onehall.catalog.bundle;

import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/catalog/bundles")
@Validated
@Tag(name = "bundles 一件事", description = "Several items with one merged materials list, one promised limit, parallel approval")
class BundleResource {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final BundleAdministration bundles;
    private final RegionDirectory regions;

    BundleResource(BundleAdministration bundles, RegionDirectory regions) {
        this.bundles = bundles;
        this.regions = regions;
    }

    @GetMapping
    @Operation(summary = "Published bundles of a region")
    ResponseEntity<List<Bundle>> list(@RequestParam @NotBlank @ValidRegionCode String region) {
        regions.require(region);
        return ResponseEntity.ok().cacheControl(CACHE).body(bundles.ofRegion(region));
    }

    @GetMapping("/{code}")
    @Operation(summary = "A bundle with its items' codes, the merged materials, the combined promised limit and the parallel departments; ETag / 304")
    ResponseEntity<Bundle> one(@PathVariable @Pattern(regexp = "[A-Z0-9-]{1,40}", message = "is not a bundle code") String code,
                               @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        Bundle b = bundles.get(code);
        String etag = "\"" + b.version() + "-" + b.status().charAt(0) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(CACHE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(b);
    }
}
