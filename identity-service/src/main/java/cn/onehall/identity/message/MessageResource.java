package cn.onehall.identity.message;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

@RestController
@RequestMapping("/api/identity/me/messages")
@Validated
@Tag(name = "messages 站内消息", description = "My in-app messages, filled from case, licence and supervision events")
class MessageResource {

    record Unread(long unread) {
    }

    private final Inbox inbox;

    MessageResource(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "My messages, newest first (keyset pages: pass nextCursor as cursor)")
    Inbox.Page page(@RequestParam(required = false) @Positive Long cursor, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                    @AuthenticationPrincipal Jwt jwt) {
        return inbox.page(CurrentUser.from(jwt), cursor, limit);
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of my messages I have not read")
    Unread unread(@AuthenticationPrincipal Jwt jwt) {
        return new Unread(inbox.unread(CurrentUser.from(jwt)));
    }

    @PutMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark one of my messages read (idempotent)")
    void read(@PathVariable @Positive long id, @AuthenticationPrincipal Jwt jwt) {
        inbox.markRead(CurrentUser.from(jwt), id);
    }
}
