package cn.onehall.identity.profile;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/identity/me")
@Tag(name = "me 我的资料", description = "My account as the user centre holds it, and an export of all of it")
class MeResource {

    private final MyData data;

    MeResource(MyData data) {
        this.data = data;
    }

    @GetMapping
    @Operation(summary = "My account and registration, personal data masked")
    MyData.Me me(@AuthenticationPrincipal Jwt jwt) {
        return data.me(CurrentUser.from(jwt));
    }

    @GetMapping("/export")
    @Operation(summary = "Everything the user centre holds about me, in full, as a JSON download (audited)")
    ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"onehall-my-data.json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(data.export(CurrentUser.from(jwt)));
    }
}
