package cn.onehall.supervision.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The supervisors' dashboard page, served under /api/supervision so the gateway routes it and relays the user's token. */
@RestController
@Tag(name = "dashboard 监督看板")
class DashboardResource {

    private final String page;

    DashboardResource() throws IOException {
        this.page = new ClassPathResource("dashboard/dashboard.html").getContentAsString(StandardCharsets.UTF_8);
    }

    @GetMapping("/api/supervision/dashboard")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin', 'officer', 'dept-admin')")
    @Operation(summary = "监督看板: cards, measures against targets with bars, six-month trends, star ratings (HTML, charts in SVG)")
    ResponseEntity<String> dashboard() {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:")
                .body(page);
    }
}
