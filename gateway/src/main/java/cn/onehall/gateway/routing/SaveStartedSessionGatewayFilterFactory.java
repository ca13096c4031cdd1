package cn.onehall.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Writes the browser session to Redis before the request is forwarded (so a refreshed token is stored before any
 * other replica reads it), like the stock SaveSession filter, but only when a session exists: the stock filter also
 * saves the empty session of every bearer-token call, which costs a Redis write per machine request and fails them
 * all while Redis is down.
 */
@Component
public class SaveStartedSessionGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> exchange.getSession()
                .flatMap(session -> session.isStarted() ? session.save() : Mono.<Void>empty())
                .then(chain.filter(exchange));
    }
}
