package cn.onehall.application.peers;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/** identity-service: the caller's real-name level (实名认证等级). */
@FeignClient(name = "identity", url = "${onehall.identity-url}", dismiss404 = true)
public interface IdentityClient {

    record RealNameLevel(String level) {
    }

    @GetMapping("/api/identity/me/real-name-level")
    ResponseEntity<RealNameLevel> realNameLevel();
}
