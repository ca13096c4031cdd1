package cn.onehall.catalog.item;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.catalog.department.DepartmentService;
import cn.onehall.catalog.item.VersionRow.VersionState;
import cn.onehall.catalog.theme.ServiceObject;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/** Public reads of published guides and lists, through the shared Redis cache. */
@Service
public class ItemReads {

    private static final Duration VERSION_TTL = Duration.ofHours(1);
    private static final Duration CURRENT_TTL = Duration.ofMinutes(10);
    private static final Duration LIST_TTL = Duration.ofMinutes(10);

    /** A list entry: enough to show and filter; the guide has the rest. */
    public record ItemSummary(String code, String name, int version, String regionCode, String departmentCode, PowerType powerType,
                              int onlineDepth, int visits, List<ServiceObject> serviceObjects) {
    }

    public record ItemPage(List<ItemSummary> items, String nextCursor) {
    }

    public record ListQuery(String region, String theme, ServiceObject serviceObject, String department, PowerType powerType,
                            Integer onlineDepth, Integer visits, String cursor, int limit) {

        String key() {
            return String.join("|", region, String.valueOf(theme), String.valueOf(serviceObject), String.valueOf(department),
                    String.valueOf(powerType), String.valueOf(onlineDepth), String.valueOf(visits), String.valueOf(cursor), Integer.toString(limit));
        }
    }

    /** A guide as JSON with its ETag. */
    public record CachedGuide(String etag, String json) {
    }

    private final ItemRepository items;
    private final DepartmentService departments;
    private final CatalogCache cache;
    private final JsonMapper json;
    private final JdbcClient jdbc;

    ItemReads(ItemRepository items, DepartmentService departments, CatalogCache cache, JsonMapper json, JdbcClient jdbc) {
        this.items = items;
        this.departments = departments;
        this.cache = cache;
        this.json = json;
        this.jdbc = jdbc;
    }

    static String currentKey(String code) {
        return "current:" + code;
    }

    static String versionKey(String code, int version) {
        return "guide:" + code + ":" + version;
    }

    /** The guide valid on the day (today when null); 404 when the item has none published then. */
    public CachedGuide at(String code, LocalDate day) {
        String normalised = normalise(code);
        int version;
        if (day == null) {
            // The pointer holds the day it was computed for: a version whose validFrom arrives at midnight takes over then.
            LocalDate today = LocalDate.now();
            String pointer = cache.get(currentKey(normalised), CURRENT_TTL, () -> items.publishedAt(normalised, today)
                    .map(v -> today + "=" + v.version()).orElse(null));
            if (pointer == null || !pointer.startsWith(today + "=")) {
                cache.evict(currentKey(normalised));
                version = items.publishedAt(normalised, today).map(VersionRow::version).orElseThrow(ItemReads::noGuide);
            } else {
                version = Integer.parseInt(pointer.substring(pointer.indexOf('=') + 1));
            }
        } else {
            version = items.publishedAt(normalised, day).map(VersionRow::version).orElseThrow(ItemReads::noGuide);
        }
        return version(normalised, version);
    }

    /** One exact published version, also of a revoked item (a case re-reads what it was filed against). */
    public CachedGuide version(String code, int version) {
        String normalised = normalise(code);
        String value = cache.get(versionKey(normalised, version), VERSION_TTL, () -> load(normalised, version).map(json::writeValueAsString).orElse(null));
        if (value == null) {
            throw noGuide();
        }
        Guide guide = json.readValue(value, Guide.class);
        return new CachedGuide("\"" + guide.version() + "-" + guide.status().charAt(0) + "\"", value);
    }

    public Guide guide(String code, int version) {
        return json.readValue(version(code, version).json(), Guide.class);
    }

    /** The guide of a published version from the database, or empty when the version is not published. */
    public Optional<Guide> load(String code, int version) {
        ItemRow item = items.item(code).orElse(null);
        if (item == null) {
            return Optional.empty();
        }
        return items.version(code, version).filter(v -> v.state() == VersionState.PUBLISHED).map(v -> {
            BasicItem basic = items.basic(item.basicCode()).orElseThrow();
            String departmentName = departments.get(item.departmentCode()).name();
            return Guide.of(item, basic, departmentName, v.version(), item.revoked() ? "REVOKED" : "PUBLISHED",
                    json.readValue(v.content(), GuideContent.class));
        });
    }

    /** The newest published version of a live item (what lists and search show), or empty. */
    public Optional<Guide> listed(String code) {
        return jdbc.sql("SELECT version FROM item_listing WHERE item_code = ?").param(code).query(Integer.class).optional()
                .flatMap(v -> load(code, v));
    }

    /**
     * Items for a region: its own and those its upper levels publish for it (a city's or province's items apply in its
     * counties), filtered, in keyset pages by code. Cached by the change-feed position, so a publish or revoke makes
     * every cached page stale at once.
     */
    public CachedList list(ListQuery q) {
        long position = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM catalog_change").query(Long.class).single();
        String key = "list:" + position + ":" + Integer.toHexString(q.key().hashCode()) + ":" + q.key().length();
        String body = cache.get(key, LIST_TTL, () -> json.writeValueAsString(query(q)));
        return new CachedList("\"" + position + "-" + Integer.toHexString(q.key().hashCode()) + "\"", body);
    }

    public record CachedList(String etag, String json) {
    }

    /** One page straight from the database (navigation pages assemble several). */
    public ItemPage page(ListQuery q) {
        return query(q);
    }

    ItemPage query(ListQuery q) {
        List<String> regions = new ArrayList<>();
        for (String r = q.region(); r != null; r = RegionCode.parent(r)) {
            regions.add(r);
        }
        StringBuilder sql = new StringBuilder("SELECT l.item_code, l.name, l.version, l.region_code, l.department_code, l.power_type,"
                + " l.online_depth, l.visits, l.natural_person, l.legal_person FROM item_listing l");
        List<Object> params = new ArrayList<>();
        if (q.theme() != null) {
            sql.append(" JOIN item_listing_theme t ON t.item_code = l.item_code AND t.theme_code = ?");
            params.add(q.theme());
        }
        sql.append(" WHERE l.region_code IN (").append(String.join(",", regions.stream().map(r -> "?").toList())).append(")");
        params.addAll(regions);
        if (q.serviceObject() != null) {
            sql.append(q.serviceObject() == ServiceObject.NATURAL_PERSON ? " AND l.natural_person" : " AND l.legal_person");
        }
        if (q.department() != null) {
            sql.append(" AND l.department_code = ?");
            params.add(q.department());
        }
        if (q.powerType() != null) {
            sql.append(" AND l.power_type = ?");
            params.add(q.powerType().name());
        }
        if (q.onlineDepth() != null) {
            sql.append(" AND l.online_depth = ?");
            params.add(q.onlineDepth());
        }
        if (q.visits() != null) {
            sql.append(" AND l.visits = ?");
            params.add(q.visits());
        }
        if (q.cursor() != null) {
            sql.append(" AND l.item_code > ?");
            params.add(q.cursor());
        }
        sql.append(" ORDER BY l.item_code LIMIT ?");
        params.add(q.limit() + 1);
        List<ItemSummary> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> {
            List<ServiceObject> objects = new ArrayList<>();
            if (rs.getBoolean("natural_person")) {
                objects.add(ServiceObject.NATURAL_PERSON);
            }
            if (rs.getBoolean("legal_person")) {
                objects.add(ServiceObject.LEGAL_PERSON);
            }
            return new ItemSummary(rs.getString("item_code"), rs.getString("name"), rs.getInt("version"), rs.getString("region_code"),
                    rs.getString("department_code"), PowerType.valueOf(rs.getString("power_type")), rs.getInt("online_depth"),
                    rs.getInt("visits"), objects);
        }).list();
        boolean more = rows.size() > q.limit();
        List<ItemSummary> page = more ? rows.subList(0, q.limit()) : rows;
        return new ItemPage(List.copyOf(page), more ? page.getLast().code() : null);
    }

    private static String normalise(String code) {
        String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
        if (!ItemCodes.isValidImplementationCode(c)) {
            throw GuideRules.invalid("code", "is not a valid implementation code (实施编码: basic code + region + credit code + check character)");
        }
        return c;
    }

    private static ProblemException noGuide() {
        return ProblemException.notFound("Published guide");
    }
}
