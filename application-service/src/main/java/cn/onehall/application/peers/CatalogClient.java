package cn.onehall.application.peers;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** catalog-service's public guide reads; a 404 is an answer (dismiss404: a status, not an exception) rather than counting against the circuit. */
@FeignClient(name = "catalog", url = "${onehall.catalog-url}", dismiss404 = true)
public interface CatalogClient {

    @GetMapping("/api/catalog/items/{code}")
    ResponseEntity<ItemGuide> current(@PathVariable("code") String code);

    @GetMapping("/api/catalog/items/{code}/versions/{version}")
    ResponseEntity<ItemGuide> version(@PathVariable("code") String code, @PathVariable("version") int version);

    @GetMapping("/api/catalog/bundles/{code}")
    ResponseEntity<CatalogBundle> bundle(@PathVariable("code") String code);
}
