package cn.onehall.application.channels;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.application.cases.CaseView;
import cn.onehall.application.cases.CaseViews;
import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/applications")
@Validated
@Tag(name = "channels 渠道", description = "WINDOW cases filed by officers at the counter; IMPORTED cases of county systems")
class ChannelResource {

    record ImportResult(List<ChannelIntake.Imported> results) {
    }

    private final ChannelIntake intake;
    private final CaseViews views;

    ChannelResource(ChannelIntake intake, CaseViews views) {
        this.intake = intake;
        this.views = views;
    }

    @PostMapping("/window/cases")
    @PreAuthorize("hasRole('officer')")
    @Operation(summary = "File a case at the window (窗口收件) for a person at the counter; records their visit. Idempotency-Key required")
    ResponseEntity<CaseView> window(@Valid @RequestBody ChannelRequests.WindowCase body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key, @AuthenticationPrincipal Jwt jwt) {
        CurrentUser u = CurrentUser.from(jwt);
        ChannelIntake.Filed filed = intake.window(body, key, u);
        return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/applications/cases/" + filed.c().caseNumber())).eTag(filed.c().etag())
                .body(views.full(filed.c(), u));
    }

    @PostMapping("/imports")
    @PreAuthorize("hasRole('integration')")
    @Operation(summary = "Import a batch of county cases (IMPORTED): idempotent by externalId per client; the whole batch is checked first "
            + "and nothing is written when any case is invalid")
    ImportResult importBatch(@Valid @RequestBody ChannelRequests.ImportBatch body, @AuthenticationPrincipal Jwt jwt) {
        return new ImportResult(intake.importBatch(body.cases(), CurrentUser.from(jwt)));
    }
}
