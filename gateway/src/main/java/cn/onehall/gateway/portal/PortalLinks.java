package cn.onehall.gateway.portal;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** {@code /login} is the portal's stable login link; the OAuth2 endpoint behind it is an implementation detail. */
@RestController
class PortalLinks {

    @GetMapping("/login")
    Mono<Void> login(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(URI.create("/oauth2/authorization/keycloak"));
        return exchange.getResponse().setComplete();
    }
}
