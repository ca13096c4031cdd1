package cn.onehall.starter.feign;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service that calls a peer (itself) through Feign, as services will call each other. */
@SpringBootApplication
@EnableFeignClients(clients = {FeignTestApp.Peer.class, FeignTestApp.DeadPeer.class})
public class FeignTestApp {

    @FeignClient(name = "peer", url = "${test.peer-url}")
    public interface Peer {
        @GetMapping("/api/${onehall.area}/whoami")
        Map<String, Object> whoami();

        @GetMapping("/api/${onehall.area}/trace")
        Map<String, String> trace();
    }

    @FeignClient(name = "dead-peer", url = "${test.dead-peer-url}")
    public interface DeadPeer {
        @GetMapping("/api/anything")
        Map<String, Object> anything();
    }

    /** In a user's request: the peer must see the user. */
    @RestController
    static class RelayResource {
        private final Peer peer;

        RelayResource(Peer peer) {
            this.peer = peer;
        }

        @GetMapping("/api/${onehall.area}/relay")
        Map<String, Object> relay() {
            return peer.whoami();
        }

        /** Calls the peer and reports both trace ids: they must be the same trace. */
        @GetMapping("/api/${onehall.area}/relay-trace")
        Map<String, String> relayTrace() {
            return Map.of("caller", String.valueOf(MDC.get("traceId")), "peer", peer.trace().get("traceId"));
        }

        @GetMapping("/api/${onehall.area}/trace")
        Map<String, String> trace() {
            return Map.of("traceId", String.valueOf(MDC.get("traceId")));
        }
    }
}
