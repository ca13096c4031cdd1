package cn.onehall.starter.problem;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Endpoints that fail in every way a service can, to check the answers' shape. */
@SpringBootApplication
public class ProblemTestApp {

    public record Item(@NotBlank String name, @Size(max = 5) String code) {
    }

    @RestController
    @Validated
    static class FailingResource {

        @PostMapping("/api/problem-test/items")
        Item create(@Valid @RequestBody Item item) {
            return item;
        }

        @GetMapping("/api/problem-test/items")
        String list(@RequestParam(defaultValue = "20") @Max(100) int limit) {
            return "ok " + limit;
        }

        @GetMapping("/api/problem-test/conflict")
        String conflict() {
            throw new ProblemException(HttpStatus.CONFLICT, "CASE_STATE_CONFLICT", "The case is already accepted");
        }

        @GetMapping("/api/problem-test/boom")
        String boom() {
            throw new IllegalStateException("secret internal detail 440781198803140029");
        }

        @GetMapping("/api/problem-test/public/notice")
        String publicRead() {
            return "open";
        }

        @PostMapping("/api/problem-test/public/notice")
        String publicPathWrite() {
            return "written";
        }

        @PostMapping("/api/problem-test/public/submissions")
        org.springframework.http.ResponseEntity<String> publicSubmission() {
            return org.springframework.http.ResponseEntity.accepted().body("received");
        }

        @GetMapping("/api/problem-test/admin")
        @PreAuthorize("hasRole('platform-admin')")
        String admin() {
            return "admin";
        }
    }
}
