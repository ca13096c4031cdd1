package cn.onehall.application.peers;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** e-license-service, called with the applicant's own token (their consent): their licences and the use record (用证记录). */
@FeignClient(name = "licences", url = "${onehall.license-url}", dismiss404 = true)
public interface LicenceClient {

    record MatchRequest(List<String> typeCodes) {
    }

    record Match(String typeCode, String licenceId, String identifier, String name, LocalDate validUntil) {
    }

    record UseRequest(String caseNumber, String departmentCode, String itemCode) {
    }

    @PostMapping("/api/licenses/matches")
    ResponseEntity<List<Match>> matches(@RequestBody MatchRequest request);

    /** @return 201 with the use record, or 404 when the licence is not the caller-holder's or not valid */
    @PostMapping("/api/licenses/{licenceId}/uses")
    ResponseEntity<Map<String, Object>> use(@PathVariable("licenceId") String licenceId, @RequestBody UseRequest request);
}
