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
    public static final String REVOKED_EVENT = "cn.onehall.catalog.bundle-revoked";

    public enum Decision { APPROVE, REJECT }

    /** What an administrator sees: the published bundle (if any) and the pending draft. */
    public record BundleAdminView(String code, String state, int version, Bundle published, BundleDraft draft, String draftState,
                                  java.util.Set<String> editors) {
    }

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

    /** Creates or replaces the pending draft (also of a published bundle, whose published content stays until approval). */
    @org.springframework.transaction.annotation.Transactional
    public BundleAdminView saveDraft(String code, BundleDraft draft, cn.onehall.starter.security.CurrentUser admin) {
        checkScope(admin, draft.regionCode());
        Row row = lock(code);
        if (row != null) {
            checkScope(admin, row.region());
            if ("REVOKED".equals(row.state())) {
                throw ProblemException.conflict("BUNDLE_REVOKED", "A revoked bundle does not change");
            }
            if ("IN_REVIEW".equals(row.draftState())) {
                throw ProblemException.conflict("VERSION_NOT_EDITABLE", "This bundle's draft is in legality review");
            }
            if (!row.region().equals(draft.regionCode())) {
                throw cn.onehall.catalog.item.ItemAdministration.invalid("regionCode", "a bundle stays in its region");
            }
        }
        Set<String> editors = new LinkedHashSet<>(row == null || row.editors() == null ? List.of() : List.of(row.editors().split(",")));
        editors.add(admin.username());
        String content = json.writeValueAsString(draft);
        if (row == null) {
            jdbc.sql("INSERT INTO bundle (code, name, region_code, state, content, version, draft, draft_state, editors) VALUES (?, ?, ?, 'DRAFT', '{}', 0, ?, 'DRAFT', ?)")
                    .params(code, draft.name(), draft.regionCode(), content, String.join(",", editors)).update();
        } else {
            jdbc.sql("UPDATE bundle SET draft = ?, draft_state = 'DRAFT', editors = ? WHERE code = ?").params(content, String.join(",", editors), code).update();
        }
        return adminView(code, admin);
    }

    @org.springframework.transaction.annotation.Transactional
    public BundleAdminView submit(String code, cn.onehall.starter.security.CurrentUser admin) {
        Row row = lockInScope(code, admin);
        if (!"DRAFT".equals(row.draftState())) {
            throw ProblemException.conflict("ILLEGAL_TRANSITION", "Only a draft can be submitted for legality review");
        }
        jdbc.sql("UPDATE bundle SET draft_state = 'IN_REVIEW' WHERE code = ?").param(code).update();
        return adminView(code, admin);
    }

    /** Approve builds the bundle from the items as published now and publishes it (bundle-published); never by an editor. */
    @org.springframework.transaction.annotation.Transactional
    public BundleAdminView review(String code, Decision decision, String opinion, cn.onehall.starter.security.CurrentUser reviewer) {
        Row row = lockInScope(code, reviewer);
        if (!"IN_REVIEW".equals(row.draftState())) {
            throw ProblemException.conflict("ILLEGAL_TRANSITION", "Only a bundle in legality review can be reviewed");
        }
        if (row.editors() != null && List.of(row.editors().split(",")).contains(reviewer.username())) {
            throw new ProblemException(org.springframework.http.HttpStatus.FORBIDDEN, "SELF_REVIEW",
                    "The legality review must be done by a catalogue administrator other than the bundle's editors");
        }
        if (decision == Decision.REJECT) {
            jdbc.sql("UPDATE bundle SET draft_state = 'DRAFT' WHERE code = ?").param(code).update();
            return adminView(code, reviewer);
        }
        BundleDraft d = json.readValue(row.draft(), BundleDraft.class);
        for (String item : d.itemCodes()) {
            if (items.listed(item).isEmpty()) {
                throw cn.onehall.catalog.item.ItemAdministration.invalid("itemCodes", "item " + item + " is not published");
            }
        }
        if (new java.util.HashSet<>(d.itemCodes()).size() != d.itemCodes().size()) {
            throw cn.onehall.catalog.item.ItemAdministration.invalid("itemCodes", "must not repeat an item");
        }
        int version = row.version() + 1;
        Bundle built = build(code, d.name(), d.regionCode(), d.description(), d.itemCodes(), d.promisedLimit(), d.themes() == null ? List.of() : d.themes());
        Bundle b = new Bundle(built.code(), built.name(), built.regionCode(), "PUBLISHED", version, built.description(), built.itemCodes(), built.items(),
                built.materials(), built.promisedLimit(), built.parallelDepartments(), built.themes());
        jdbc.sql("UPDATE bundle SET name = ?, state = 'PUBLISHED', content = ?, version = ?, draft = NULL, draft_state = NULL, editors = NULL,"
                        + " reviewed_by = ?, published_at = CURRENT_TIMESTAMP(3) WHERE code = ?")
                .params(b.name(), json.writeValueAsString(b), version, reviewer.username(), code).update();
        announce(PUBLISHED_EVENT, "BUNDLE_PUBLISHED", b);
        return adminView(code, reviewer);
    }

    @org.springframework.transaction.annotation.Transactional
    public BundleAdminView revoke(String code, cn.onehall.starter.security.CurrentUser admin) {
        Row row = lockInScope(code, admin);
        if (!"PUBLISHED".equals(row.state())) {
            throw ProblemException.conflict("NOT_PUBLISHED", "Only a published bundle can be revoked");
        }
        Bundle b = json.readValue(row.content(), Bundle.class);
        Bundle revoked = new Bundle(b.code(), b.name(), b.regionCode(), "REVOKED", b.version(), b.description(), b.itemCodes(), b.items(), b.materials(),
                b.promisedLimit(), b.parallelDepartments(), b.themes());
        jdbc.sql("UPDATE bundle SET state = 'REVOKED', content = ?, draft = NULL, draft_state = NULL WHERE code = ?")
                .params(json.writeValueAsString(revoked), code).update();
        announce(REVOKED_EVENT, "BUNDLE_REVOKED", revoked);
        return adminView(code, admin);
    }

    public BundleAdminView adminView(String code, cn.onehall.starter.security.CurrentUser admin) {
        Row row = find(code);
        if (row == null || !mayAdminister(admin, row.region())) {
            throw ProblemException.notFound("Bundle");
        }
        return new BundleAdminView(code, row.state(), row.version(), row.version() == 0 ? null : json.readValue(row.content(), Bundle.class),
                row.draft() == null ? null : json.readValue(row.draft(), BundleDraft.class), row.draftState(),
                row.editors() == null ? java.util.Set.of() : new LinkedHashSet<>(List.of(row.editors().split(","))));
    }

    private void announce(String type, String kind, Bundle b) {
        jdbc.sql("INSERT INTO catalog_change (kind, code, version, region_code) VALUES (?, ?, ?, ?)").params(kind, b.code(), b.version(), b.regionCode()).update();
        long cursor = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bundleCode", b.code());
        data.put("version", b.version());
        data.put("regionCode", b.regionCode());
        data.put("itemCodes", b.itemCodes());
        data.put("cursor", Long.toString(cursor));
        events.publish(type, b.code(), data);
    }

    private record Row(String code, String region, String state, int version, String content, String draft, String draftState, String editors) {
    }

    private Row find(String code) {
        return jdbc.sql("SELECT code, region_code, state, version, content, draft, draft_state, editors FROM bundle WHERE code = ?").param(code)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8))).optional().orElse(null);
    }

    private Row lock(String code) {
        return jdbc.sql("SELECT code, region_code, state, version, content, draft, draft_state, editors FROM bundle WHERE code = ? FOR UPDATE").param(code)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8))).optional().orElse(null);
    }

    private Row lockInScope(String code, cn.onehall.starter.security.CurrentUser admin) {
        Row row = lock(code);
        if (row == null) {
            throw ProblemException.notFound("Bundle");
        }
        checkScope(admin, row.region());
        return row;
    }

    private static boolean mayAdminister(cn.onehall.starter.security.CurrentUser user, String region) {
        return user.hasRole("platform-admin")
                || user.hasRole("catalog-admin") && user.region() != null && cn.onehall.starter.codes.RegionCode.contains(user.region(), region);
    }

    private static void checkScope(cn.onehall.starter.security.CurrentUser user, String region) {
        if (!mayAdminister(user, region)) {
            throw new ProblemException(org.springframework.http.HttpStatus.FORBIDDEN, cn.onehall.starter.problem.ProblemCode.FORBIDDEN,
                    "This region is outside the one you administer");
        }
    }

    public Bundle get(String code) {
        String content = jdbc.sql("SELECT content FROM bundle WHERE code = ? AND state IN ('PUBLISHED', 'REVOKED')").param(code).query(String.class).optional()
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
