package cn.onehall.catalog.theme;

import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/catalog/themes")
@Tag(name = "themes 服务主题", description = "The national theme classification: 31 for natural persons, 34 for legal persons")
class ThemeResource {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    private final ThemeCatalogue themes;

    ThemeResource(ThemeCatalogue themes) {
        this.themes = themes;
    }

    @GetMapping
    @Operation(summary = "All themes, or those of one service object (服务对象), in life-cycle order; ETag / 304")
    ResponseEntity<List<Theme>> list(@RequestParam(required = false) ServiceObject serviceObject,
                                     @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        String etag = themes.etag() + (serviceObject == null ? "" : "-" + serviceObject.name());
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(CACHE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(serviceObject == null ? themes.all() : themes.of(serviceObject));
    }

    @GetMapping("/{code}")
    @Operation(summary = "One theme")
    ResponseEntity<Theme> one(@PathVariable String code) {
        return ResponseEntity.ok().cacheControl(CACHE)
                .body(themes.find(code).orElseThrow(() -> ProblemException.notFound("Theme " + code.replaceAll("[^A-Z0-9]", "?"))));
    }
}
