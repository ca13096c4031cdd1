package cn.onehall.identity.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.identity.message.Inbox;
import cn.onehall.identity.page.Subscriptions;
import cn.onehall.identity.registration.Registrations;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.personaldata.PersonalDataCipher;
import cn.onehall.starter.security.CurrentUser;

/**
 * What OneHall's user centre holds about the caller: {@code me} shows it masked, {@code me/export} gives all of it in
 * full as JSON (the person is entitled to their own data; the export is audited).
 */
@Service
public class MyData {

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final BlindIndex index;
    private final Inbox inbox;
    private final Subscriptions subscriptions;
    private final AuditLog audit;

    MyData(JdbcClient jdbc, PersonalDataCipher cipher, BlindIndex index, Inbox inbox, Subscriptions subscriptions, AuditLog audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    public record Person(String id, String name, String idNumber, String phone, String regionCode, String realNameLevel, Instant registeredAt) {
    }

    public record Enterprise(String id, String name, String creditCode, String legalRepresentativeIdNumber, String phone, String regionCode,
                             Instant registeredAt) {
    }

    public record Authorisation(String creditCode, String enterpriseName, boolean allItems, String itemCodes, LocalDate validUntil,
                                Instant grantedAt, Instant revokedAt) {
    }

    public record Me(String subject, String username, String holderType, String holderRef, String agentRef, String region,
                     List<String> roles, Person person) {
    }

    public Me me(CurrentUser user) {
        Person full = person(user).orElse(null);
        Person masked = full == null ? null : new Person(full.id(), Masking.name(full.name()), Masking.idNumber(full.idNumber()),
                Masking.phone(full.phone()), full.regionCode(), full.realNameLevel(), full.registeredAt());
        return new Me(user.subject(), "NATURAL_PERSON".equals(user.holderType()) ? null : user.username(), user.holderType(),
                "NATURAL_PERSON".equals(user.holderType()) ? Masking.idNumber(user.holderRef()) : user.holderRef(),
                Masking.idNumber(user.agentRef()), user.region(), List.copyOf(user.roles()), masked);
    }

    public Map<String, Object> export(CurrentUser user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportedAt", Instant.now().toString());
        out.put("account", Map.of("subject", user.subject(), "roles", List.copyOf(user.roles())));
        Optional<Person> person = person(user);
        out.put("person", person.orElse(null));
        String ownId = person.map(Person::idNumber).orElseGet(() -> ownIdNumber(user));
        if (ownId != null) {
            String idIndex = index.of(ownId, Registrations.ID_INDEX);
            out.put("enterprisesAsLegalRepresentative", jdbc.sql("""
                            SELECT id, name, credit_code, legal_rep_id_enc, phone_enc, region_code, created_at FROM enterprise
                            WHERE legal_rep_id_index = ? ORDER BY created_at""").param(idIndex)
                    .query((rs, n) -> new Enterprise(rs.getString("id"), rs.getString("name"), rs.getString("credit_code"),
                            cipher.decrypt(rs.getString("legal_rep_id_enc"), Registrations.LEGAL_REP),
                            cipher.decrypt(rs.getString("phone_enc"), Registrations.ENTERPRISE_PHONE), rs.getString("region_code"),
                            rs.getTimestamp("created_at").toInstant())).list());
            out.put("authorisationsAsAgent", jdbc.sql("""
                            SELECT credit_code, enterprise_name, all_items, CAST(item_codes AS CHAR) AS items, valid_until, granted_at, revoked_at
                            FROM agent_authorisation WHERE agent_id_index = ? ORDER BY granted_at""").param(idIndex)
                    .query((rs, n) -> new Authorisation(rs.getString("credit_code"), rs.getString("enterprise_name"), rs.getBoolean("all_items"),
                            rs.getString("items"), rs.getObject("valid_until", LocalDate.class), rs.getTimestamp("granted_at").toInstant(),
                            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant())).list());
            out.put("messages", inbox.allOfHolder(ownId, user.subject()));
        }
        out.put("subscriptions", subscriptions.of(user));
        audit.record("person.exported-own-data", "person", person.map(Person::id).orElse(null), Outcome.SUCCESS, Map.of());
        return out;
    }

    private Optional<Person> person(CurrentUser user) {
        return jdbc.sql("SELECT id, name, id_number_enc, phone_enc, region_code, real_name_level, created_at FROM person WHERE keycloak_user_id = ?")
                .param(user.subject())
                .query((rs, n) -> new Person(rs.getString("id"), rs.getString("name"), cipher.decrypt(rs.getString("id_number_enc"), Registrations.ID_NUMBER),
                        cipher.decrypt(rs.getString("phone_enc"), Registrations.PHONE), rs.getString("region_code"), rs.getString("real_name_level"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    private static String ownIdNumber(CurrentUser user) {
        if (user.agentRef() != null && IdNumber.isValid(user.agentRef())) {
            return user.agentRef();
        }
        return "NATURAL_PERSON".equals(user.holderType()) && user.holderRef() != null && IdNumber.isValid(user.holderRef()) ? user.holderRef() : null;
    }
}
