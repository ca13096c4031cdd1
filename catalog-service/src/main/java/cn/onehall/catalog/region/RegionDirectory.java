package cn.onehall.catalog.region;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.onehall.starter.problem.ProblemException;

/** What other parts of the catalogue ask about regions. */
@Service
public class RegionDirectory {

    private final RegionRepository regions;

    RegionDirectory(RegionRepository regions) {
        this.regions = regions;
    }

    /** An unknown region in a request is the caller's mistake: 422, naming the code. */
    public Region require(String code) {
        return regions.find(code).orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "UNKNOWN_REGION",
                "Region " + code.replaceAll("[^0-9]", "?") + " is not in the hall's region tree"));
    }
}
