package cn.onehall.identity.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.identity.keycloak.KeycloakDirectory;
import cn.onehall.identity.message.Inbox;
import cn.onehall.identity.verification.VerificationCodes;
import cn.onehall.identity.web.Idempotency;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.events.EventPublisher;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.personaldata.PersonalDataCipher;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registration of persons and enterprises: one database transaction around the Keycloak calls, so either both sides
 * hold the new account or neither does. The local row is written first (its unique blind index settles a race of two
 * registrations of one ID number), then the Keycloak user; a failure after Keycloak created the user deletes it
 * again (compensation) before the transaction rolls back.
 */
@Service
public class Registrations {

    public static final String ID_NUMBER = "person.id_number";
    public static final String PHONE = "person.phone";
    public static final String LEGAL_REP = "enterprise.legal_rep_id";
    public static final String ENTERPRISE_PHONE = "enterprise.phone";
    /** Blind-index purpose of ID numbers wherever they are looked up (persons, legal representatives, agents). */
    public static final String ID_INDEX = "id-number";

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final BlindIndex index;
    private final KeycloakDirectory keycloak;
    private final VerificationCodes codes;
    private final EventPublisher events;
    private final Idempotency idempotency;
    private final Inbox inbox;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final String applicantRole;

    Registrations(JdbcClient jdbc, PersonalDataCipher cipher, BlindIndex index, KeycloakDirectory keycloak, VerificationCodes codes,
                  EventPublisher events, Idempotency idempotency, Inbox inbox, JsonMapper json, PlatformTransactionManager transactions,
                  IdentityProperties properties) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.keycloak = keycloak;
        this.codes = codes;
        this.events = events;
        this.idempotency = idempotency;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        this.applicantRole = properties.applicantRole();
    }

    public record PersonForm(String name, String idNumber, String phone, String verificationCode, String password, String regionCode) {
        @Override
        public String toString() {
            return "PersonForm[masked]";
        }
    }

    public record EnterpriseForm(String name, String creditCode, String legalRepresentativeIdNumber, String phone, String verificationCode,
                                 String password) {
        @Override
        public String toString() {
            return "EnterpriseForm[" + creditCode + "]";
        }
    }

    /** What the registrant sees: personal data masked. */
    public record Registered(String id, String username, String holderType, String name, String idNumber, String creditCode,
                             String legalRepresentativeIdNumber, String phone, String regionCode, String realNameLevel) {
    }

    public record Outcome(int status, String body) {
    }

    public Outcome registerPerson(PersonForm form, String idempotencyKey) {
        CodeChecks.require("idNumber", CodeChecks.idNumber(form.idNumber()));
        String idNumber = IdNumber.normalise(form.idNumber());
        String region = form.regionCode() != null ? form.regionCode() : IdNumber.regionCode(idNumber);
        String idIndex = index.of(idNumber, ID_INDEX);
        String fingerprint = index.of(String.join("\u0000", "person", form.name(), idNumber, form.phone(), region), "idempotency");
        Optional<Idempotency.Stored> earlier = idempotency.find("persons", idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return new Outcome(earlier.get().status(), earlier.get().body());
        }
        long codeId = codes.check(form.phone(), VerificationCodes.Purpose.REGISTRATION, form.verificationCode());
        if (jdbc.sql("SELECT COUNT(*) FROM person WHERE id_number_index = ?").param(idIndex).query(Long.class).single() > 0) {
            throw idTaken();
        }
        String localId = UUID.randomUUID().toString();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("holder_type", "NATURAL_PERSON");
        attributes.put("holder_ref", idNumber);
        attributes.put("region", region);
        // A Chinese name splits into surname (the first character) and given name, as the demo accounts do; any other
        // name goes whole into the given name rather than being cut at a guessed place.
        int first = form.name().offsetByCodePoints(0, 1);
        boolean chinese = form.name().matches("[\\p{IsHan}·]{2,30}");
        KeycloakDirectory.NewUser user = new KeycloakDirectory.NewUser(idNumber.toLowerCase(java.util.Locale.ROOT),
                chinese ? form.name().substring(first) : form.name(), chinese ? form.name().substring(0, first) : null,
                attributes, form.password());
        return withCompensation(userId -> {
            codes.consume(codeId);
            try {
                jdbc.sql("""
                                INSERT INTO person (id, name, id_number_enc, id_number_index, phone_enc, phone_index, region_code)
                                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(localId, form.name(), cipher.encrypt(idNumber, ID_NUMBER), idIndex, cipher.encrypt(form.phone(), PHONE),
                                index.of(form.phone(), VerificationCodes.PHONE_PURPOSE), region)
                        .update();
            } catch (DuplicateKeyException e) {
                throw idTaken();
            }
            // Accounts made in Keycloak directly (the demo users) hold holder_ref too: the ID number is taken there as well.
            if (!keycloak.idsByAttribute("holder_ref", idNumber).isEmpty()) {
                throw idTaken();
            }
            String id = userId.apply(() -> keycloak.create(user));
            keycloak.grantRealmRole(id, applicantRole);
            jdbc.sql("UPDATE person SET keycloak_user_id = ? WHERE id = ?").params(id, localId).update();
            events.publish("cn.onehall.identity.person-registered", id, Map.of("holderType", "NATURAL_PERSON", "regionCode", region));
            inbox.deliver(Inbox.HOLDER, inbox.holderKey(idNumber), "identity.registered", "欢迎使用一网通办",
                    "您的实名账户已开通（实名等级 L1）。可在线核验身份升级为 L2，或到服务窗口现场确认升级为 L3。", null, id);
            // No username in the answer: for a person it is the ID number (they log in with it), shown only masked.
            Registered registered = new Registered(id, null, "NATURAL_PERSON", Masking.name(form.name()), Masking.idNumber(idNumber),
                    null, null, Masking.phone(form.phone()), region, "L1");
            String body = json.writeValueAsString(registered);
            idempotency.remember("persons", idempotencyKey, fingerprint, 201, body);
            return new Outcome(201, body);
        });
    }

    public Outcome registerEnterprise(EnterpriseForm form, String idempotencyKey) {
        CodeChecks.require("creditCode", CodeChecks.creditCode(form.creditCode()));
        CodeChecks.require("legalRepresentativeIdNumber", CodeChecks.idNumber(form.legalRepresentativeIdNumber()));
        String creditCode = CreditCode.normalise(form.creditCode());
        String legalRep = IdNumber.normalise(form.legalRepresentativeIdNumber());
        String region = CreditCode.regionCode(creditCode);
        String fingerprint = index.of(String.join("\u0000", "enterprise", form.name(), creditCode, legalRep, form.phone()), "idempotency");
        Optional<Idempotency.Stored> earlier = idempotency.find("enterprises", idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return new Outcome(earlier.get().status(), earlier.get().body());
        }
        long codeId = codes.check(form.phone(), VerificationCodes.Purpose.REGISTRATION, form.verificationCode());
        if (jdbc.sql("SELECT COUNT(*) FROM enterprise WHERE credit_code = ?").param(creditCode).query(Long.class).single() > 0) {
            throw creditCodeTaken();
        }
        String localId = UUID.randomUUID().toString();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("holder_type", "LEGAL_PERSON");
        attributes.put("holder_ref", creditCode);
        attributes.put("region", region);
        KeycloakDirectory.NewUser user = new KeycloakDirectory.NewUser(creditCode.toLowerCase(java.util.Locale.ROOT), form.name(), null,
                attributes, form.password());
        return withCompensation(userId -> {
            codes.consume(codeId);
            try {
                jdbc.sql("""
                                INSERT INTO enterprise (id, name, credit_code, legal_rep_id_enc, legal_rep_id_index, phone_enc, phone_index, region_code)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(localId, form.name(), creditCode, cipher.encrypt(legalRep, LEGAL_REP), index.of(legalRep, ID_INDEX),
                                cipher.encrypt(form.phone(), ENTERPRISE_PHONE), index.of(form.phone(), VerificationCodes.PHONE_PURPOSE), region)
                        .update();
            } catch (DuplicateKeyException e) {
                throw creditCodeTaken();
            }
            if (!keycloak.idsByAttribute("holder_ref", creditCode).isEmpty()) {
                throw creditCodeTaken();
            }
            String id = userId.apply(() -> keycloak.create(user));
            keycloak.grantRealmRole(id, applicantRole);
            jdbc.sql("UPDATE enterprise SET keycloak_user_id = ? WHERE id = ?").params(id, localId).update();
            events.publish("cn.onehall.identity.enterprise-registered", id, Map.of("holderType", "LEGAL_PERSON", "regionCode", region));
            inbox.deliver(Inbox.HOLDER, inbox.holderKey(creditCode), "identity.registered", "欢迎使用一网通办",
                    "企业账户已开通。法定代表人或本账户可在“经办人管理”中授权经办人。", null, id);
            Registered registered = new Registered(id, user.username(), "LEGAL_PERSON", form.name(), null, creditCode,
                    Masking.idNumber(legalRep), Masking.phone(form.phone()), region, null);
            String body = json.writeValueAsString(registered);
            idempotency.remember("enterprises", idempotencyKey, fingerprint, 201, body);
            return new Outcome(201, body);
        });
    }

    /** Remembers the Keycloak user the work created, so it can be deleted when anything after it fails. */
    interface CreatedUser {
        String apply(Supplier<String> create);
    }

    interface Work {
        Outcome run(CreatedUser created);
    }

    private Outcome withCompensation(Work work) {
        String[] created = new String[1];
        try {
            return tx.execute(status -> work.run(create -> {
                created[0] = create.get();
                return created[0];
            }));
        } catch (RuntimeException e) {
            if (created[0] != null) {
                try {
                    keycloak.delete(created[0]);
                    log.info("Registration failed after Keycloak created user {}; user deleted again", created[0]);
                } catch (RuntimeException cleanup) {
                    // Keycloak went away between create and delete: the only case left to an operator.
                    log.error("Registration failed and Keycloak user {} could not be deleted; delete it by hand: {}", created[0], cleanup.toString());
                }
            }
            throw e;
        }
    }

    private static ProblemException idTaken() {
        return new ProblemException(HttpStatus.CONFLICT, "ID_NUMBER_REGISTERED", "An account with this ID number exists already");
    }

    private static ProblemException creditCodeTaken() {
        return new ProblemException(HttpStatus.CONFLICT, "CREDIT_CODE_REGISTERED", "An account with this credit code exists already");
    }
}
