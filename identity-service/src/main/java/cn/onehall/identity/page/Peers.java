package cn.onehall.identity.page;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The peers the personal and enterprise page reads (with the caller's token, relayed by the starter). */
final class Peers {

    private Peers() {
    }

    @FeignClient(name = "application-service", url = "${onehall.identity.application-url:http://localhost:8082}")
    interface Applications {
        @GetMapping("/api/applications/mine")
        Object mine(@RequestParam("limit") int limit);
    }

    @FeignClient(name = "e-license-service", url = "${onehall.identity.license-url:http://localhost:8083}")
    interface Licences {
        @GetMapping("/api/licenses/mine")
        Object mine(@RequestParam("limit") int limit);
    }

    @FeignClient(name = "catalog-service", url = "${onehall.catalog-url:http://localhost:8081}")
    interface Catalog {
        @GetMapping("/api/catalog/items")
        /** {@code serviceObject} NATURAL_PERSON | LEGAL_PERSON, or null for no filter (Feign leaves a null parameter out). */
        Object items(@RequestParam("region") String region, @RequestParam(value = "serviceObject", required = false) String serviceObject,
                     @RequestParam("limit") int limit);
    }
}
