package cn.onehall.catalog.item;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.onehall.catalog.department.Department;
import cn.onehall.catalog.department.DepartmentService;
import cn.onehall.catalog.item.VersionRow.VersionState;
import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.events.EventPublisher;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle of implementation items: draft → legality review (合法性审查) by another catalogue administrator →
 * published. A published version never changes; a change is a new version with its own validFrom. Catalogue
 * administrators act inside their region subtree only; platform administrators everywhere.
 */
@Service
public class ItemAdministration {

    public static final String PUBLISHED_EVENT = "cn.onehall.catalog.item-published";
    public static final String REVOKED_EVENT = "cn.onehall.catalog.item-revoked";

    public enum Decision { APPROVE, REJECT }

    /** What an administrator sees of one version, drafts included. */
    public record VersionView(String itemCode, int version, VersionState state, LocalDate validFrom, int revision, Set<String> editors,
                              String submittedBy, String reviewedBy, String reviewOpinion, GuideContent guide) {
    }

    public record ItemView(String code, String basicCode, String regionCode, String departmentCode, String status, int lastVersion,
                           String revokeReason, List<VersionView> versions) {
    }

    private final ItemRepository items;
    private final GuideRules rules;
    private final RegionDirectory regions;
    private final DepartmentService departments;
    private final EventPublisher events;
    private final AuditLog audit;
    private final CatalogCache cache;
    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final Clock clock;

    ItemAdministration(ItemRepository items, GuideRules rules, RegionDirectory regions, DepartmentService departments, EventPublisher events,
                       AuditLog audit, CatalogCache cache, JsonMapper json, JdbcClient jdbc) {
        this.items = items;
        this.rules = rules;
        this.regions = regions;
        this.departments = departments;
        this.events = events;
        this.audit = audit;
        this.cache = cache;
        this.json = json;
        this.jdbc = jdbc;
        this.clock = Clock.systemDefaultZone();
    }

    // --- basic items

    @Transactional
    public BasicItem createBasic(BasicItem b, CurrentUser editor) {
        if (!ItemCodes.isValidBasicCode(b.code()) || ItemCodes.powerTypeOf(b.code()) != b.powerType()) {
            throw GuideRules.invalid("code", "must be the power type's two digits (" + b.powerType().code() + ") + 8 digits, not all zero");
        }
        if (!editor.hasRole("platform-admin") && !editor.hasRole("catalog-admin")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not do this");
        }
        if (!items.insertBasic(new BasicItem(b.code(), b.name().strip(), b.powerType(), b.legalBasis().strip()), editor.username())) {
            throw ProblemException.conflict("BASIC_ITEM_EXISTS", "Basic item " + b.code() + " already exists");
        }
        audit.record("basic-item.create", "basic-item", b.code(), Outcome.SUCCESS, Map.of("powerType", b.powerType().name()));
        return items.basic(b.code()).orElseThrow();
    }

    public BasicItem basic(String code) {
        return items.basic(code).orElseThrow(() -> ProblemException.notFound("Basic item"));
    }

    // --- items

    /** Creates the item and its first draft. A repeated Idempotency-Key of the same caller answers the first item again. */
    @Transactional
    public ItemView create(ItemCreation request, String idempotencyKey, CurrentUser editor) {
        String caller = editor.subject() == null ? editor.username() : editor.subject();
        if (idempotencyKey != null) {
            String earlier = jdbc.sql("SELECT resource FROM idempotency_key WHERE caller = ? AND idem_key = ?").params(caller, idempotencyKey)
                    .query(String.class).optional().orElse(null);
            if (earlier != null) {
                return view(earlier, editor);
            }
        }
        regions.require(request.regionCode());
        checkScope(editor, request.regionCode());
        String departmentCode = CreditCode.normalise(request.departmentCode());
        BasicItem basic = items.basic(request.basicCode()).orElseThrow(() -> GuideRules.invalid("basicCode", "is not a basic item of the catalogue"));
        Department department = departmentOrError(departmentCode);
        if (!RegionCode.contains(department.regionCode(), request.regionCode())) {
            throw GuideRules.invalid("departmentCode", "department " + departmentCode + " does not serve region " + request.regionCode());
        }
        GuideContent guide = rules.check(request.guide(), departmentCode);
        String code = ItemCodes.implementationCode(basic.code(), request.regionCode(), departmentCode);
        if (items.item(code).isPresent()) {
            throw ProblemException.conflict("ITEM_EXISTS", "Item " + code + " already exists; change it with a new version");
        }
        items.insertItem(code, basic.code(), request.regionCode(), departmentCode, editor.username());
        items.insertVersion(code, 1, guide.validFrom(), json.writeValueAsString(guide), editor.username());
        items.setLastVersion(code, 1);
        if (idempotencyKey != null) {
            try {
                jdbc.sql("INSERT INTO idempotency_key (caller, idem_key, resource) VALUES (?, ?, ?)").params(caller, idempotencyKey, code).update();
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict(ProblemCode.CONFLICT, "The same Idempotency-Key is being used by a concurrent request");
            }
        }
        audit.record("item.create", "item", code, Outcome.SUCCESS, Map.of("region", request.regionCode(), "version", 1));
        return view(code, editor);
    }

    /** A new draft version of a published item, with its own validFrom. */
    @Transactional
    public VersionView newVersion(String code, GuideContent content, CurrentUser editor) {
        ItemRow item = lockInScope(code, editor);
        if (item.revoked()) {
            throw ProblemException.conflict("ITEM_REVOKED", "A revoked item gets no new versions");
        }
        if (items.hasOpenVersion(code)) {
            throw ProblemException.conflict("OPEN_VERSION_EXISTS", "This item already has a version in draft or review; change that one");
        }
        GuideContent guide = rules.check(content, item.departmentCode());
        int version = item.lastVersion() + 1;
        items.insertVersion(code, version, guide.validFrom(), json.writeValueAsString(guide), editor.username());
        items.setLastVersion(code, version);
        audit.record("item.version.create", "item", code, Outcome.SUCCESS, Map.of("version", version));
        return version(code, version, editor);
    }

    @Transactional
    public VersionView updateDraft(String code, int version, int expectedRevision, GuideContent content, CurrentUser editor) {
        ItemRow item = lockInScope(code, editor);
        VersionRow row = items.version(code, version).orElseThrow(() -> ProblemException.notFound("Item version"));
        if (row.state() != VersionState.DRAFT) {
            throw ProblemException.conflict("VERSION_NOT_EDITABLE", row.state() == VersionState.PUBLISHED
                    ? "A published version never changes; create a new version with its validFrom"
                    : "This version is in legality review; the reviewer must send it back first");
        }
        GuideContent guide = rules.check(content, item.departmentCode());
        Set<String> editors = new LinkedHashSet<>(row.editors());
        editors.add(editor.username());
        if (!items.updateDraft(code, version, expectedRevision, guide.validFrom(), json.writeValueAsString(guide), editors)) {
            throw ProblemException.conflict(ProblemCode.CONFLICT, "Someone else changed this draft first; reload it and try again");
        }
        audit.record("item.version.update", "item", code, Outcome.SUCCESS, Map.of("version", version));
        return version(code, version, editor);
    }

    @Transactional
    public VersionView submit(String code, int version, CurrentUser editor) {
        lockInScope(code, editor);
        VersionRow row = items.version(code, version).orElseThrow(() -> ProblemException.notFound("Item version"));
        if (row.state() != VersionState.DRAFT) {
            throw ProblemException.conflict("ILLEGAL_TRANSITION", "Only a draft can be submitted for legality review (it is " + row.state() + ")");
        }
        items.setState(code, version, VersionState.IN_REVIEW, editor.username(), null, null);
        audit.record("item.version.submit", "item", code, Outcome.SUCCESS, Map.of("version", version));
        return version(code, version, editor);
    }

    /** 合法性审查: approve publishes the version, reject sends it back to draft with the opinion. Never by an editor of the version. */
    @Transactional
    public VersionView review(String code, int version, Decision decision, String opinion, CurrentUser reviewer) {
        ItemRow item = lockInScope(code, reviewer);
        VersionRow row = items.version(code, version).orElseThrow(() -> ProblemException.notFound("Item version"));
        if (row.state() != VersionState.IN_REVIEW) {
            throw ProblemException.conflict("ILLEGAL_TRANSITION", "Only a version in legality review can be reviewed (it is " + row.state() + ")");
        }
        if (row.editors().contains(reviewer.username()) || reviewer.username().equals(row.submittedBy())) {
            audit.record("item.version.review", "item", code, Outcome.DENIED, Map.of("version", version, "reason", "self-review"));
            throw new ProblemException(HttpStatus.FORBIDDEN, "SELF_REVIEW",
                    "The legality review must be done by a catalogue administrator other than the version's editors");
        }
        if (decision == Decision.REJECT) {
            if (opinion == null || opinion.isBlank()) {
                throw GuideRules.invalid("opinion", "is required when a version is sent back");
            }
            items.setState(code, version, VersionState.DRAFT, null, reviewer.username(), opinion.strip());
            audit.record("item.version.reject", "item", code, Outcome.SUCCESS, Map.of("version", version));
            return version(code, version, reviewer);
        }
        LocalDate today = LocalDate.now(clock);
        if (row.validFrom().isBefore(today)) {
            throw ProblemException.conflict("VALID_FROM_IN_PAST",
                    "validFrom " + row.validFrom() + " has passed: a published guide must not rewrite what was valid before; send it back to change the date");
        }
        publish(item, row, reviewer.username(), opinion);
        audit.record("item.version.publish", "item", code, Outcome.SUCCESS, Map.of("version", version, "validFrom", row.validFrom().toString()));
        return version(code, version, reviewer);
    }

    /** Publishes a version that passed review (or a seed version). Its validFrom must come after every earlier published one. */
    void publish(ItemRow item, VersionRow row, String reviewer, String opinion) {
        VersionRow previous = items.latestPublished(item.code()).orElse(null);
        if (previous != null && !row.validFrom().isAfter(previous.validFrom())) {
            throw ProblemException.conflict("VALID_FROM_NOT_AFTER_PREVIOUS", "validFrom must be after " + previous.validFrom()
                    + ", the validFrom of published version " + previous.version());
        }
        items.setState(item.code(), row.version(), VersionState.PUBLISHED, null, reviewer, opinion == null ? null : opinion.strip());
        GuideContent guide = json.readValue(row.content(), GuideContent.class);
        BasicItem basic = items.basic(item.basicCode()).orElseThrow();
        items.list(item.code(), row.version(), guide.name(), item.regionCode(), item.departmentCode(), basic.powerType(), guide.onlineDepth(),
                guide.visits(), guide.serviceObjects(), guide.themes());
        long cursor = items.recordChange("ITEM_PUBLISHED", item.code(), row.version(), item.regionCode());
        events.publish(PUBLISHED_EVENT, item.code(), event(item, row.version(), cursor));
        afterCommit(() -> cache.evict(ItemReads.currentKey(item.code())));
    }

    /** Hides the item from lists, search and new applications; every version stays readable for old cases. */
    @Transactional
    public ItemView revoke(String code, String reason, CurrentUser admin) {
        ItemRow item = lockInScope(code, admin);
        if (item.revoked()) {
            throw ProblemException.conflict("ITEM_REVOKED", "This item is already revoked");
        }
        VersionRow published = items.latestPublished(code)
                .orElseThrow(() -> ProblemException.conflict("NOT_PUBLISHED", "Only a published item can be revoked"));
        items.revoke(code, reason.strip());
        items.unlist(code);
        long cursor = items.recordChange("ITEM_REVOKED", code, published.version(), item.regionCode());
        events.publish(REVOKED_EVENT, code, event(item, published.version(), cursor));
        audit.record("item.revoke", "item", code, Outcome.SUCCESS, Map.of("version", published.version()));
        afterCommit(() -> {
            cache.evict(ItemReads.currentKey(code));
            for (int v = 1; v <= item.lastVersion(); v++) {
                cache.evict(ItemReads.versionKey(code, v));
            }
        });
        return view(code, admin);
    }

    // --- administrator reads (drafts included), in scope only; outside it the item does not exist

    public ItemView view(String code, CurrentUser admin) {
        ItemRow item = inScope(code, admin);
        List<VersionView> versions = items.versions(code).stream().map(this::view).toList();
        return new ItemView(item.code(), item.basicCode(), item.regionCode(), item.departmentCode(), item.revoked() ? "REVOKED" : "ACTIVE",
                item.lastVersion(), item.revokeReason(), versions);
    }

    public VersionView version(String code, int version, CurrentUser admin) {
        inScope(code, admin);
        return items.version(code, version).map(this::view).orElseThrow(() -> ProblemException.notFound("Item version"));
    }

    private VersionView view(VersionRow r) {
        return new VersionView(r.itemCode(), r.version(), r.state(), r.validFrom(), r.revision(), r.editors(), r.submittedBy(), r.reviewedBy(),
                r.reviewOpinion(), json.readValue(r.content(), GuideContent.class));
    }

    private ItemRow inScope(String code, CurrentUser admin) {
        ItemRow item = items.item(code.toUpperCase(Locale.ROOT)).orElseThrow(() -> ProblemException.notFound("Item"));
        if (!mayAdminister(admin, item.regionCode())) {
            throw ProblemException.notFound("Item"); // reveal nothing of another region's drafts
        }
        return item;
    }

    private ItemRow lockInScope(String code, CurrentUser admin) {
        ItemRow item = items.lockItem(code).orElseThrow(() -> ProblemException.notFound("Item"));
        checkScope(admin, item.regionCode());
        return item;
    }

    private Department departmentOrError(String code) {
        try {
            return departments.get(code);
        } catch (ProblemException e) {
            throw GuideRules.invalid("departmentCode", "is not a department of the catalogue");
        }
    }

    private static Map<String, Object> event(ItemRow item, int version, long cursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("itemCode", item.code());
        data.put("version", version);
        data.put("regionCode", item.regionCode());
        data.put("departmentCode", item.departmentCode());
        data.put("cursor", Long.toString(cursor));
        return data;
    }

    /** A 400 problem on one field. */
    public static ProblemException invalid(String field, String message) {
        return GuideRules.invalid(field, message);
    }

    static boolean mayAdminister(CurrentUser user, String regionCode) {
        if (user.hasRole("platform-admin")) {
            return true;
        }
        return user.hasRole("catalog-admin") && user.region() != null && RegionCode.contains(user.region(), regionCode);
    }

    static void checkScope(CurrentUser user, String regionCode) {
        if (!mayAdminister(user, regionCode)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "This region is outside the one you administer");
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
