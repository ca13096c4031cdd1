package cn.onehall.identity.agent;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.identity.keycloak.KeycloakDirectory;
import cn.onehall.identity.registration.Registrations;
import cn.onehall.identity.web.Idempotency;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.personaldata.PersonalDataCipher;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enterprise agents (经办人). The enterprise account itself, or the enterprise's legal representative (by the ID number
 * registered with the enterprise), authorises a person by ID number for all items or a list, until a date; revocable.
 * A person switches which enterprise they act for: identity-service writes holder_type / holder_ref / agent_ref into
 * their Keycloak attributes, so the next token (a refresh is enough) carries the choice to every service.
 */
@Service
public class Agents {

    static final String AGENT_ID = "agent_authorisation.agent_id";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final BlindIndex index;
    private final KeycloakDirectory keycloak;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final JsonMapper json;

    Agents(JdbcClient jdbc, PersonalDataCipher cipher, BlindIndex index, KeycloakDirectory keycloak, AuditLog audit, Idempotency idempotency,
           JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.keycloak = keycloak;
        this.audit = audit;
        this.idempotency = idempotency;
        this.json = json;
    }

    public record Grant(String idNumber, boolean allItems, List<String> itemCodes, LocalDate validUntil) {
        @Override
        public String toString() {
            return "Grant[masked]";
        }
    }

    /** An authorisation as the enterprise sees it (the agent's ID number masked). */
    public record Authorisation(String id, String creditCode, String enterpriseName, String agentIdNumber, boolean allItems,
                                List<String> itemCodes, LocalDate validUntil, String status) {
    }

    /** An enterprise the caller may act for. */
    public record Principal(String creditCode, String enterpriseName, boolean allItems, List<String> itemCodes, LocalDate validUntil,
                            boolean actingNow) {
    }

    public record ActingAs(String holderType, String holderRef, String agentRef, String note) {
    }

    public record Created(int status, String body) {
    }

    @Transactional
    public Created authorise(String creditCode, Grant grant, CurrentUser caller, String enterpriseName, String idempotencyKey) {
        String code = requireMayManage(creditCode, caller);
        if (grant.validUntil() == null || !grant.validUntil().isAfter(today())) {
            throw validation("validUntil", "must be a date after today");
        }
        if (!grant.allItems() && (grant.itemCodes() == null || grant.itemCodes().isEmpty())) {
            throw validation("itemCodes", "name at least one item, or set allItems");
        }
        String agentId = IdNumber.normalise(grant.idNumber());
        String fingerprint = index.of(String.join("\u0000", code, agentId, String.valueOf(grant.allItems()),
                String.valueOf(grant.itemCodes()), grant.validUntil().toString(), caller.subject()), "idempotency");
        Optional<Idempotency.Stored> earlier = idempotency.find("agents", idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return new Created(earlier.get().status(), earlier.get().body());
        }
        if (agentId.equals(ownIdNumber(caller).orElse(null))) {
            throw validation("idNumber", "the legal representative acts for the enterprise without an authorisation");
        }
        String id = UUID.randomUUID().toString();
        String name = jdbc.sql("SELECT name FROM enterprise WHERE credit_code = ?").param(code).query(String.class).optional().orElse(enterpriseName);
        List<String> items = grant.allItems() ? null : List.copyOf(grant.itemCodes());
        jdbc.sql("""
                        INSERT INTO agent_authorisation (id, credit_code, enterprise_name, agent_id_enc, agent_id_index, all_items, item_codes,
                          valid_until, granted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, code, name, cipher.encrypt(agentId, AGENT_ID), index.of(agentId, Registrations.ID_INDEX), grant.allItems(),
                        items == null ? null : json.writeValueAsString(items), grant.validUntil(), caller.subject())
                .update();
        audit.record("agent.authorised", "enterprise", code, Outcome.SUCCESS,
                Map.of("authorisation", id, "allItems", grant.allItems(), "validUntil", grant.validUntil().toString()));
        Authorisation a = new Authorisation(id, code, name, Masking.idNumber(agentId), grant.allItems(), items, grant.validUntil(), "ACTIVE");
        String body = json.writeValueAsString(a);
        idempotency.remember("agents", idempotencyKey, fingerprint, 201, body);
        return new Created(201, body);
    }

    public record Page(List<Authorisation> items, String nextCursor) {
    }

    public Page list(String creditCode, CurrentUser caller, String cursor, int limit) {
        String code = requireMayManage(creditCode, caller);
        List<Authorisation> rows = jdbc.sql("""
                        SELECT id, credit_code, enterprise_name, agent_id_enc, all_items, CAST(item_codes AS CHAR) AS items, valid_until, revoked_at
                        FROM agent_authorisation WHERE credit_code = ? AND id > ? ORDER BY id LIMIT ?""")
                .params(code, cursor == null ? "" : cursor, limit + 1)
                .query((rs, n) -> new Authorisation(rs.getString("id"), rs.getString("credit_code"), rs.getString("enterprise_name"),
                        Masking.idNumber(cipher.decrypt(rs.getString("agent_id_enc"), AGENT_ID)), rs.getBoolean("all_items"),
                        items(rs.getString("items")), rs.getObject("valid_until", LocalDate.class),
                        rs.getTimestamp("revoked_at") != null ? "REVOKED"
                                : rs.getObject("valid_until", LocalDate.class).isBefore(today()) ? "EXPIRED" : "ACTIVE"))
                .list();
        boolean more = rows.size() > limit;
        List<Authorisation> page = more ? rows.subList(0, limit) : rows;
        return new Page(page, more ? page.getLast().id() : null);
    }

    /** Revokes; a person acting for the enterprise under it is switched back to themself at once. */
    @Transactional
    public void revoke(String creditCode, String authorisationId, CurrentUser caller) {
        String code = requireMayManage(creditCode, caller);
        Optional<String> agentEnc = jdbc.sql("SELECT agent_id_enc FROM agent_authorisation WHERE id = ? AND credit_code = ? AND revoked_at IS NULL")
                .params(authorisationId, code).query(String.class).optional();
        if (agentEnc.isEmpty()) {
            throw ProblemException.notFound("authorisation");
        }
        jdbc.sql("UPDATE agent_authorisation SET revoked_at = NOW(3), revoked_by = ? WHERE id = ?").params(caller.subject(), authorisationId).update();
        String agentId = cipher.decrypt(agentEnc.get(), AGENT_ID);
        if (activeFor(agentId, code).isEmpty()) {
            for (String userId : keycloak.idsByAttribute("agent_ref", agentId)) {
                Map<String, Object> user = keycloak.user(userId).orElse(Map.of());
                if (String.valueOf(user.get("attributes")).contains(code)) {
                    keycloak.updateAttributes(userId, self(agentId));
                }
            }
        }
        audit.record("agent.revoked", "enterprise", code, Outcome.SUCCESS, Map.of("authorisation", authorisationId));
    }

    public List<Principal> principals(CurrentUser caller) {
        String me = ownIdNumber(caller).orElseThrow(() -> ProblemException.notFound("person"));
        return jdbc.sql("""
                        SELECT credit_code, enterprise_name, all_items, CAST(item_codes AS CHAR) AS items, valid_until FROM agent_authorisation
                        WHERE agent_id_index = ? AND revoked_at IS NULL AND valid_until >= ? ORDER BY credit_code, valid_until DESC""")
                .params(index.of(me, Registrations.ID_INDEX), today())
                .query((rs, n) -> new Principal(rs.getString("credit_code"), rs.getString("enterprise_name"), rs.getBoolean("all_items"),
                        items(rs.getString("items")), rs.getObject("valid_until", LocalDate.class),
                        "LEGAL_PERSON".equals(caller.holderType()) && rs.getString("credit_code").equals(caller.holderRef())))
                .list();
    }

    /** @param creditCode the enterprise to act for, or null to act for oneself again */
    @Transactional
    public ActingAs actFor(String creditCode, CurrentUser caller) {
        String me = ownIdNumber(caller).orElseThrow(() -> ProblemException.notFound("person"));
        Map<String, String> attributes;
        ActingAs answer;
        if (creditCode == null) {
            attributes = self(me);
            answer = new ActingAs("NATURAL_PERSON", Masking.idNumber(me), null, "Your next token (refresh it) carries this choice");
        } else {
            String code = CreditCode.normalise(creditCode);
            if (activeFor(me, code).isEmpty()) {
                throw ProblemException.notFound("authorisation"); // whether the enterprise exists is not revealed
            }
            attributes = new LinkedHashMap<>();
            attributes.put("holder_type", "LEGAL_PERSON");
            attributes.put("holder_ref", code);
            attributes.put("agent_ref", me);
            answer = new ActingAs("LEGAL_PERSON", code, Masking.idNumber(me), "Your next token (refresh it) carries this choice");
        }
        keycloak.updateAttributes(caller.subject(), attributes);
        audit.record("agent.acting-for", "enterprise", creditCode == null ? null : CreditCode.normalise(creditCode), Outcome.SUCCESS,
                Map.of("self", creditCode == null));
        return answer;
    }

    public record Scope(String itemCode, boolean allowed, String reason) {
    }

    /**
     * May the caller act on this item now? For oneself always; for an enterprise only under an authorisation that is
     * still active (not revoked, not expired: exact at this moment, whatever the token still says) and covers the item.
     */
    public Scope scope(CurrentUser caller, String itemCode) {
        if (caller.agentRef() == null) {
            return new Scope(itemCode, caller.holderRef() != null, caller.holderRef() != null ? "OWN_BEHALF" : "NO_HOLDER");
        }
        String agentId = IdNumber.normalise(caller.agentRef());
        List<Map<String, Object>> grants = jdbc.sql("""
                        SELECT all_items, CAST(item_codes AS CHAR) AS items FROM agent_authorisation
                        WHERE agent_id_index = ? AND credit_code = ? AND revoked_at IS NULL AND valid_until >= ?""")
                .params(index.of(agentId, Registrations.ID_INDEX), caller.holderRef(), today()).query().listOfRows();
        if (grants.isEmpty()) {
            return new Scope(itemCode, false, "NOT_AUTHORISED");
        }
        for (Map<String, Object> g : grants) {
            if (Boolean.TRUE.equals(g.get("all_items")) || Integer.valueOf(1).equals(g.get("all_items"))) {
                return new Scope(itemCode, true, "AUTHORISED_ALL_ITEMS");
            }
            List<String> items = items((String) g.get("items"));
            if (items != null && items.contains(itemCode)) {
                return new Scope(itemCode, true, "AUTHORISED_ITEM");
            }
        }
        return new Scope(itemCode, false, "ITEM_NOT_AUTHORISED");
    }

    private Optional<String> activeFor(String agentId, String creditCode) {
        return jdbc.sql("""
                        SELECT id FROM agent_authorisation WHERE agent_id_index = ? AND credit_code = ? AND revoked_at IS NULL AND valid_until >= ?
                        LIMIT 1""")
                .params(index.of(agentId, Registrations.ID_INDEX), creditCode, today()).query(String.class).optional();
    }

    /**
     * The enterprise account itself (not an agent acting for it), or the legal representative registered with it.
     * Anyone else gets the 404 an unknown enterprise gets.
     */
    private String requireMayManage(String creditCode, CurrentUser caller) {
        String code = CreditCode.normalise(creditCode);
        if (!CreditCode.isValid(code)) {
            throw validation("creditCode", "is not a valid credit code (统一社会信用代码)");
        }
        if ("LEGAL_PERSON".equals(caller.holderType()) && code.equals(caller.holderRef()) && caller.agentRef() == null) {
            return code;
        }
        Optional<String> me = ownIdNumber(caller);
        if (me.isPresent() && caller.agentRef() == null) {
            boolean legalRep = jdbc.sql("SELECT COUNT(*) FROM enterprise WHERE credit_code = ? AND legal_rep_id_index = ?")
                    .params(code, index.of(me.get(), Registrations.ID_INDEX)).query(Long.class).single() > 0;
            if (legalRep) {
                return code;
            }
        }
        throw ProblemException.notFound("enterprise");
    }

    /** The caller's own ID number: agent_ref while acting for an enterprise, holder_ref when acting for oneself. */
    static Optional<String> ownIdNumber(CurrentUser caller) {
        if (caller.agentRef() != null && IdNumber.isValid(caller.agentRef())) {
            return Optional.of(IdNumber.normalise(caller.agentRef()));
        }
        if ("NATURAL_PERSON".equals(caller.holderType()) && caller.holderRef() != null && IdNumber.isValid(caller.holderRef())) {
            return Optional.of(IdNumber.normalise(caller.holderRef()));
        }
        return Optional.empty();
    }

    private static Map<String, String> self(String idNumber) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("holder_type", "NATURAL_PERSON");
        attributes.put("holder_ref", idNumber);
        attributes.put("agent_ref", null);
        return attributes;
    }

    private List<String> items(String stored) {
        return stored == null ? null : List.of(json.readValue(stored, String[].class));
    }

    private static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    private static ProblemException validation(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
