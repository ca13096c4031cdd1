package cn.onehall.catalog.navigation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.catalog.bundle.BundleAdministration;
import cn.onehall.catalog.item.ItemReads;
import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.catalog.theme.Theme;
import cn.onehall.catalog.theme.ThemeCatalogue;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hall's front page for a region and the ways from it to every item: by theme (front page → theme → item, two
 * clicks) and by scenario (front page → scenario → answer → item, three clicks for one question). A scenario's tree
 * may be at most two questions deep, so no path is longer than four clicks; items reached only that way are still
 * two clicks away by their theme (seed 002: 点击不超过三次).
 */
@Service
public class Navigation {

    static final int MAX_QUESTIONS_DEEP = 2;

    public record FrontPage(String regionCode, List<ThemeEntry> themes, List<ScenarioEntry> scenarios, List<BundleEntry> bundles) {
    }

    public record ThemeEntry(String code, String name, String serviceObject, int items) {
    }

    public record ScenarioEntry(String code, String title) {
    }

    public record BundleEntry(String code, String name) {
    }

    public record ThemePage(String theme, String name, String regionCode, List<ItemReads.ItemSummary> items) {
    }

    public record ScenarioView(String code, String regionCode, String title, int position, int version, Scenario.Question root) {
    }

    private final JdbcClient jdbc;
    private final ThemeCatalogue themes;
    private final ItemReads items;
    private final BundleAdministration bundles;
    private final RegionDirectory regions;
    private final JsonMapper json;
    private final AuditLog audit;

    Navigation(JdbcClient jdbc, ThemeCatalogue themes, ItemReads items, BundleAdministration bundles, RegionDirectory regions, JsonMapper json,
               AuditLog audit) {
        this.jdbc = jdbc;
        this.themes = themes;
        this.items = items;
        this.bundles = bundles;
        this.regions = regions;
        this.json = json;
        this.audit = audit;
    }

    public FrontPage front(String region) {
        regions.require(region);
        List<String> visible = lineage(region);
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT t.theme_code, COUNT(*) AS n FROM item_listing_theme t JOIN item_listing l ON l.item_code = t.item_code WHERE l.region_code IN (:regions)"
                        + " GROUP BY t.theme_code").param("regions", visible)
                .query((rs, i) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        List<ThemeEntry> themeEntries = new ArrayList<>();
        for (Theme t : themes.all()) {
            if (counts.containsKey(t.code())) {
                themeEntries.add(new ThemeEntry(t.code(), t.name(), t.serviceObject().name(), counts.get(t.code())));
            }
        }
        List<ScenarioEntry> scenarios = jdbc.sql("SELECT code, title FROM nav_scenario WHERE region_code IN (:regions) ORDER BY position, code")
                .param("regions", visible).query((rs, i) -> new ScenarioEntry(rs.getString(1), rs.getString(2))).list();
        List<BundleEntry> bundleEntries = bundles.ofRegion(region).stream().map(b -> new BundleEntry(b.code(), b.name())).toList();
        return new FrontPage(region, themeEntries, scenarios, bundleEntries);
    }

    public ThemePage theme(String themeCode, String region) {
        regions.require(region);
        Theme theme = themes.find(themeCode).orElseThrow(() -> ProblemException.notFound("Theme"));
        List<ItemReads.ItemSummary> listed = new ArrayList<>();
        String cursor = null;
        do {
            ItemReads.ItemPage page = items.page(new ItemReads.ListQuery(region, themeCode, null, null, null, null, null, cursor, 200));
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && listed.size() < 2000);
        return new ThemePage(theme.code(), theme.name(), region, listed);
    }

    public ScenarioView scenario(String code) {
        return jdbc.sql("SELECT code, region_code, title, position, version, content FROM nav_scenario WHERE code = ?").param(code)
                .query((rs, i) -> new ScenarioView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        json.readValue(rs.getString(6), Scenario.Question.class)))
                .optional().orElseThrow(() -> ProblemException.notFound("Scenario"));
    }

    /** Creates or replaces a scenario; every item and bundle it names must be published for the scenario's region. */
    @Transactional
    public ScenarioView save(String code, Scenario s, CurrentUser admin) {
        regions.require(s.regionCode());
        if (!admin.hasRole("platform-admin") && (admin.region() == null || !RegionCode.contains(admin.region(), s.regionCode()))) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "This region is outside the one you administer");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Set<String> listed = new HashSet<>(jdbc.sql("SELECT item_code FROM item_listing WHERE region_code IN (:regions)")
                .param("regions", lineage(s.regionCode())).query(String.class).list());
        check(s.root(), 1, "root", listed, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid", Map.of("errors", errors));
        }
        String content = json.writeValueAsString(s.root());
        int updated = jdbc.sql("UPDATE nav_scenario SET region_code = ?, title = ?, position = ?, content = ?, version = version + 1, updated_by = ? WHERE code = ?")
                .params(s.regionCode(), s.title(), s.position(), content, admin.username(), code).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO nav_scenario (code, region_code, title, position, content, updated_by) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(code, s.regionCode(), s.title(), s.position(), content, admin.username()).update();
        }
        audit.record("navigation.scenario.save", "scenario", code, Outcome.SUCCESS, Map.of("region", s.regionCode()));
        return scenario(code);
    }

    private void check(Scenario.Question q, int depth, String path, Set<String> listed, List<Map<String, String>> errors) {
        if (depth > MAX_QUESTIONS_DEEP) {
            errors.add(Map.of("field", path, "message", "a scenario asks at most " + MAX_QUESTIONS_DEEP + " questions in a row (点击不超过三次)"));
            return;
        }
        for (int i = 0; i < q.answers().size(); i++) {
            Scenario.Answer a = q.answers().get(i);
            String here = path + ".answers[" + i + "]";
            boolean hasItems = a.items() != null && !a.items().isEmpty() || a.bundles() != null && !a.bundles().isEmpty();
            if ((a.next() == null) == !hasItems) {
                errors.add(Map.of("field", here, "message", "an answer leads either to the next question or to items"));
            }
            if (a.items() != null) {
                for (String item : a.items()) {
                    if (!listed.contains(item)) {
                        errors.add(Map.of("field", here + ".items", "message", "item " + item + " is not published for this region"));
                    }
                }
            }
            if (a.bundles() != null) {
                for (String bundle : a.bundles()) {
                    try {
                        bundles.get(bundle);
                    } catch (ProblemException e) {
                        errors.add(Map.of("field", here + ".bundles", "message", "bundle " + bundle + " is not published"));
                    }
                }
            }
            if (a.next() != null) {
                check(a.next(), depth + 1, here + ".next", listed, errors);
            }
        }
    }

    private static List<String> lineage(String region) {
        List<String> regions = new ArrayList<>();
        for (String r = region; r != null; r = RegionCode.parent(r)) {
            regions.add(r);
        }
        return regions;
    }
}
