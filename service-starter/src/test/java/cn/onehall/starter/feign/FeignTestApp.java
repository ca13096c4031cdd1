package cn.onehall.starter.feign;

import java.util.Map;

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
    }
}
