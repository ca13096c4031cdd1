package cn.onehall.catalog.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.catalog.item.Guide;
import cn.onehall.catalog.item.GuideContent.LimitUnit;
import cn.onehall.catalog.item.GuideContent.Material;
import cn.onehall.catalog.item.GuideContent.MaterialSource;
import cn.onehall.catalog.item.GuideContent.TimeLimit;
import cn.onehall.catalog.item.ItemCodes;
import cn.onehall.catalog.item.ItemReads;
import cn.onehall.starter.events.EventPublisher;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and publishes bundles (一件事) from published items. The merged materials list asks each material once:
 * electronic licences by licence type, other materials by name; a licence that an item of the same bundle issues is
 * not asked for at all (it comes out of the bundle itself, e.g. the business licence when opening a restaurant).
 */
@Service
public class BundleAdministration {

    public static final String PUBLISHED_EVENT = "cn.onehall.catalog.bundle-published";

    private final ItemReads items;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EventPublisher events;

    BundleAdministration(ItemReads items, JdbcClient jdbc, JsonMapper json, EventPublisher events) {
        this.items = items;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** Publishes a seed bundle when it does not exist yet. */
    public void seed(JsonNode b) {
        String code = b.get("code").asString();
        if (jdbc.sql("SELECT COUNT(*) FROM bundle WHERE code = ?").param(code).query(Integer.class).single() > 0) {
            return;
        }
        List<String> itemCodes = new ArrayList<>();
        for (JsonNode parts : b.get("items")) {
            itemCodes.add(ItemCodes.implementationCode(parts.get(0).asString(), parts.get(1).asString(), parts.get(2).asString()));
        }
        List<String> themes = new ArrayList<>();
        b.get("themes").forEach(t -> themes.add(t.asString()));
        TimeLimit limit = json.treeToValue(b.get("promisedLimit"), TimeLimit.class);
        Bundle bundle = build(code, b.get("name").asString(), b.get("regionCode").asString(), b.get("description").asString(), itemCodes, limit, themes);
        jdbc.sql("INSERT INTO bundle (code, name, region_code, state, content, version, published_at) VALUES (?, ?, ?, 'PUBLISHED', ?, 1, CURRENT_TIMESTAMP(3))")
                .params(code, bundle.name(), bundle.regionCode(), json.writeValueAsString(bundle)).update();
        jdbc.sql("INSERT INTO catalog_change (kind, code, version, region_code) VALUES ('BUNDLE_PUBLISHED', ?, 1, ?)").params(code, bundle.regionCode()).update();
        long cursor = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bundleCode", code);
        data.put("version", 1);
        data.put("regionCode", bundle.regionCode());
        data.put("itemCodes", itemCodes);
        data.put("cursor", Long.toString(cursor));
        events.publish(PUBLISHED_EVENT, code, data);
    }

    Bundle build(String code, String name, String region, String description, List<String> itemCodes, TimeLimit promisedLimit, List<String> themes) {
        List<Guide> guides = new ArrayList<>();
        for (String itemCode : itemCodes) {
            guides.add(items.listed(itemCode).orElseThrow(() -> new IllegalStateException("bundle " + code + ": item " + itemCode + " is not published")));
        }
        Set<String> issuedInside = new LinkedHashSet<>();
        guides.forEach(g -> {
            if (g.issuesLicenceType() != null) {
                issuedInside.add(g.issuesLicenceType());
            }
        });
        Map<String, MutableMaterial> merged = new LinkedHashMap<>();
        Set<String> departments = new LinkedHashSet<>();
        int longest = 0;
        int sum = 0;
        for (Guide g : guides) {
            departments.add(g.departmentCode());
            departments.addAll(g.parallelDepartments());
            if (g.promisedLimit().unit() == LimitUnit.WORKING_DAYS) {
                longest = Math.max(longest, g.promisedLimit().value());
                sum += g.promisedLimit().value();
            }
            for (Material m : g.materials()) {
                if (m.source() == MaterialSource.LICENCE && issuedInside.contains(m.licenceTypeCode())) {
                    continue;
                }
                String key = m.source() == MaterialSource.LICENCE ? "L:" + m.licenceTypeCode() : "N:" + m.name();
                MutableMaterial mm = merged.computeIfAbsent(key, k -> new MutableMaterial(m));
                mm.required |= m.required();
                mm.copies = Math.max(mm.copies, m.copies());
                mm.usedBy.add(new Bundle.UsedBy(g.code(), m.code()));
            }
        }
        if (promisedLimit.unit() == LimitUnit.WORKING_DAYS && (promisedLimit.value() < longest || promisedLimit.value() > sum)) {
            throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "BUNDLE_LIMIT",
                    "The bundle's promised limit must lie between its longest item (" + longest + ") and the sum of its items (" + sum + ")");
        }
        List<Bundle.MergedMaterial> materials = new ArrayList<>();
        int n = 0;
        for (MutableMaterial mm : merged.values()) {
            materials.add(new Bundle.MergedMaterial(String.format("BM%02d", ++n), mm.name, mm.required, mm.copies, mm.source, mm.licenceTypeCode,
                    List.copyOf(mm.usedBy)));
        }
        List<Bundle.BundleItem> bundleItems = guides.stream().map(g -> new Bundle.BundleItem(g.code(), g.name(), g.version(), g.departmentCode(),
                g.promisedLimit(), g.issuesLicenceType())).toList();
        return new Bundle(code, name, region, "PUBLISHED", 1, description, List.copyOf(itemCodes), bundleItems, materials, promisedLimit,
                List.copyOf(departments), List.copyOf(themes));
    }

    public Bundle get(String code) {
        String content = jdbc.sql("SELECT content FROM bundle WHERE code = ? AND state = 'PUBLISHED'").param(code).query(String.class).optional()
                .orElseThrow(() -> ProblemException.notFound("Bundle"));
        return json.readValue(content, Bundle.class);
    }

    public List<Bundle> ofRegion(String region) {
        return jdbc.sql("SELECT content FROM bundle WHERE region_code = ? AND state = 'PUBLISHED' ORDER BY code").param(region).query(String.class)
                .list().stream().map(c -> json.readValue(c, Bundle.class)).toList();
    }

    private static final class MutableMaterial {
        final String name;
        final MaterialSource source;
        final String licenceTypeCode;
        boolean required;
        int copies;
        final List<Bundle.UsedBy> usedBy = new ArrayList<>();

        MutableMaterial(Material m) {
            this.name = m.name();
            this.source = m.source();
            this.licenceTypeCode = m.licenceTypeCode();
        }
    }
}
