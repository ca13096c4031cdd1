package cn.onehall.identity.page;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.onehall.starter.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/identity/me")
@Validated
@Tag(name = "my page 个人/企业网页", description = "My cases, licences, messages, subscriptions and suggested items on one page")
class PageResource {

    private final PersonalPage page;
    private final Subscriptions subscriptions;

    PageResource(PersonalPage page, Subscriptions subscriptions) {
        this.page = page;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/page")
    @Operation(summary = "The personal page (or the enterprise page when acting for an enterprise); a part whose service is down "
            + "is marked available=false and the rest still shows. Each visit is a page-visited event.")
    PersonalPage.Page page(@AuthenticationPrincipal Jwt jwt) {
        return page.of(CurrentUser.from(jwt));
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "Items I follow")
    List<String> subscriptions(@AuthenticationPrincipal Jwt jwt) {
        return subscriptions.of(CurrentUser.from(jwt));
    }

    @PutMapping("/subscriptions/{itemCode}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Follow an item (idempotent)")
    void subscribe(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String itemCode, @AuthenticationPrincipal Jwt jwt) {
        subscriptions.add(CurrentUser.from(jwt), itemCode);
    }

    @DeleteMapping("/subscriptions/{itemCode}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop following an item")
    void unsubscribe(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String itemCode, @AuthenticationPrincipal Jwt jwt) {
        subscriptions.remove(CurrentUser.from(jwt), itemCode);
    }
}
