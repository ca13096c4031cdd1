package cn.onehall.license.type;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/licenses/types")
@Tag(name = "licence types 证照目录", description = "Licence types: issuing department, holder type, fields, validity rule (public)")
class LicenceTypeResource {

    private final LicenceTypes types;

    LicenceTypeResource(LicenceTypes types) {
        this.types = types;
    }

    @GetMapping
    @Operation(summary = "Every licence type (public, no login)")
    ResponseEntity<List<LicenceType>> all() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic()).body(types.all());
    }

    @GetMapping("/{code}")
    @Operation(summary = "One licence type by its code (public, no login)")
    LicenceType one(@PathVariable String code) {
        return types.get(code);
    }
}
