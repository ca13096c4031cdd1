package cn.onehall.application.peers;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.onehall.starter.problem.ProblemException;

/**
 * The peers this service asks for an answer now. A peer that is down or broken is a 503 problem for the caller
 * (nothing is written), never a guess: a case must not be filed against a guide nobody could read.
 */
@Component
public class Peers {

    public static final String PEER_UNAVAILABLE = "PEER_UNAVAILABLE";
    public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
    public static final String UNKNOWN_BUNDLE = "UNKNOWN_BUNDLE";
    private static final Logger log = LoggerFactory.getLogger(Peers.class);

    private final CatalogClient catalog;
    private final LicenceClient licences;
    private final IdentityClient identity;

    Peers(CatalogClient catalog, LicenceClient licences, IdentityClient identity) {
        this.catalog = catalog;
        this.licences = licences;
        this.identity = identity;
    }

    /** The currently valid guide; unknown or not published is a 422 problem. */
    public ItemGuide currentGuide(String itemCode) {
        ItemGuide guide = found(call("catalog-service", () -> catalog.current(itemCode)));
        if (guide == null) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNKNOWN_ITEM, "There is no published item " + itemCode,
                    Map.of("itemCode", itemCode));
        }
        if (!guide.published()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "ITEM_REVOKED",
                    "Item " + itemCode + " version " + guide.version() + " is revoked; it takes no new applications",
                    Map.of("itemCode", itemCode, "version", String.valueOf(guide.version())));
        }
        return guide;
    }

    /** The exact version a case was filed against (also when revoked since). */
    public ItemGuide pinnedGuide(String itemCode, int version) {
        ItemGuide guide = found(call("catalog-service", () -> catalog.version(itemCode, version)));
        if (guide == null) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNKNOWN_ITEM, "There is no item " + itemCode + " version " + version);
        }
        return guide;
    }

    /** The guide a case is handled by: its pinned item version, or for a bundle case the bundle's combined guide. */
    public ItemGuide guideOf(cn.onehall.application.cases.ApplicationCase c) {
        return c.bundleCode() != null ? bundleGuide(c.bundleCode(), false) : pinnedGuide(c.itemCode(), c.itemVersion());
    }

    /** The guide to file a case against now: the current item version, or the published bundle's combined guide. */
    public ItemGuide currentGuideOf(cn.onehall.application.cases.ApplicationCase c) {
        return c.bundleCode() != null ? bundleGuide(c.bundleCode(), true) : currentGuide(c.itemCode());
    }

    /** A bundle (一件事) as the catalogue serves it; unknown is a 422 problem, and so is a revoked one when {@code published}. */
    public CatalogBundle bundle(String bundleCode, boolean published) {
        CatalogBundle bundle = found(call("catalog-service", () -> catalog.bundle(bundleCode)));
        if (bundle == null || bundle.items().isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNKNOWN_BUNDLE, "There is no published bundle " + bundleCode,
                    Map.of("bundleCode", bundleCode));
        }
        if (published && !bundle.published()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "BUNDLE_REVOKED",
                    "Bundle " + bundleCode + " is revoked; it takes no new applications", Map.of("bundleCode", bundleCode));
        }
        return bundle;
    }

    /**
     * One guide for a whole bundle, so a bundle case is applied for and handled like an item's: see {@link BundleGuides}.
     * Each item is read at the version the bundle names (its materials' size and type limits, service objects, fee).
     */
    public ItemGuide bundleGuide(String bundleCode, boolean published) {
        CatalogBundle bundle = bundle(bundleCode, published);
        List<ItemGuide> guides = bundle.items().stream().map(i -> pinnedGuide(i.code(), i.version())).toList();
        return BundleGuides.combined(bundle, guides);
    }

    public List<LicenceClient.Match> licenceMatches(List<String> typeCodes) {
        if (typeCodes.isEmpty()) {
            return List.of();
        }
        List<LicenceClient.Match> found = found(call("e-license-service", () -> licences.matches(new LicenceClient.MatchRequest(typeCodes))));
        return found == null ? List.of() : found;
    }

    /** Records the use of a licence for a case; a licence that is not the caller's (or not valid) is a 422 problem. */
    public void recordLicenceUse(String licenceId, String caseNumber, String departmentCode, String itemCode) {
        ResponseEntity<Map<String, Object>> use = call("e-license-service",
                () -> licences.use(licenceId, new LicenceClient.UseRequest(caseNumber, departmentCode, itemCode)));
        if (!use.getStatusCode().is2xxSuccessful()) {
            throw notYourLicence(licenceId);
        }
    }

    public static ProblemException notYourLicence(String licenceId) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "LICENCE_NOT_USABLE",
                "Licence " + licenceId + " is not one of your valid electronic licences", Map.of("licenceId", licenceId));
    }

    /** L1, L2 or L3; an unknown person (404) counts as L1. */
    public String realNameLevel() {
        IdentityClient.RealNameLevel level = found(call("identity-service", identity::realNameLevel));
        return level == null || level.level() == null ? "L1" : level.level();
    }

    /** The body of a 2xx answer; null for a 404 (any other status arrives as an exception). */
    private static <T> T found(ResponseEntity<T> response) {
        return response.getStatusCode().is2xxSuccessful() ? response.getBody() : null;
    }

    private static <T> T call(String peer, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("{} did not answer: {}", peer, e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, PEER_UNAVAILABLE,
                    peer + " cannot answer right now; nothing was changed, try again shortly", Map.of("peer", peer));
        }
    }
}
