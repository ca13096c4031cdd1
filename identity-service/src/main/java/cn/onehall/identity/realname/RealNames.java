package cn.onehall.identity.realname;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.identity.registration.Registrations;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.personaldata.PersonalDataCipher;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * Real-name levels (实名等级): L1 self-declared at registration, L2 confirmed by a {@link RealNameVerifier}, L3
 * confirmed in person by an officer at a window who saw the identity document. A level never goes down here.
 */
@Service
public class RealNames {

    public enum Level { L1, L2, L3 }

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final BlindIndex index;
    private final RealNameVerifier verifier;
    private final AuditLog audit;

    RealNames(JdbcClient jdbc, PersonalDataCipher cipher, BlindIndex index, List<RealNameVerifier> verifiers, IdentityProperties properties,
              AuditLog audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.verifier = verifiers.stream().filter(v -> v.name().equals(properties.realNameVerifier())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no real-name verifier named '" + properties.realNameVerifier() + "'"));
        this.audit = audit;
    }

    record PersonRow(String id, String keycloakUserId, String name, String idNumberEnc, String regionCode, Level level) {
    }

    /**
     * The caller's level. A person registered here has their stored level; anyone else (the demo accounts made in
     * Keycloak directly, enterprise accounts) is L1: nothing beyond their own declaration was ever checked.
     */
    public Level levelOf(CurrentUser user) {
        return bySubject(user.subject()).map(PersonRow::level).orElse(Level.L1);
    }

    @Transactional
    public Level verifyOnline(CurrentUser user) {
        PersonRow person = bySubject(user.subject()).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "NOT_REGISTERED",
                "Only a person registered with OneHall can verify their real name online; ask at a service window"));
        if (person.level().compareTo(Level.L2) >= 0) {
            return person.level();
        }
        boolean confirmed = verifier.verify(person.name(), cipher.decrypt(person.idNumberEnc(), Registrations.ID_NUMBER));
        if (!confirmed) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "REAL_NAME_NOT_CONFIRMED",
                    "The authority could not confirm this name with this ID number; verify in person at a service window");
        }
        jdbc.sql("UPDATE person SET real_name_level = 'L2', level_changed_at = NOW(3), level_changed_by = ? WHERE id = ?")
                .params("verifier:" + verifier.name(), person.id()).update();
        audit.record("person.real-name-verified", "person", person.id(), Outcome.SUCCESS, Map.of("level", "L2", "verifier", verifier.name()));
        return Level.L2;
    }

    /** An officer saw the identity document at a window: L3. */
    @Transactional
    public Level confirmInPerson(String personId, CurrentUser officer) {
        PersonRow person = byId(personId).orElseThrow(() -> ProblemException.notFound("person"));
        jdbc.sql("UPDATE person SET real_name_level = 'L3', level_changed_at = NOW(3), level_changed_by = ? WHERE id = ?")
                .params(officer.subject(), person.id()).update();
        audit.record("person.real-name-confirmed-in-person", "person", person.id(), Outcome.SUCCESS,
                Map.of("level", "L3", "previousLevel", person.level().name()));
        return Level.L3;
    }

    /** What an officer at a window sees of a person found by ID number: masked, and the read is audited. */
    public record PersonAtWindow(String id, String name, String idNumber, String regionCode, Level realNameLevel) {
    }

    @Transactional
    public PersonAtWindow findForWindow(String idNumber) {
        String normalised = IdNumber.normalise(idNumber);
        Optional<PersonRow> found = jdbc.sql(SELECT + " WHERE id_number_index = ?").param(index.of(normalised, Registrations.ID_INDEX))
                .query(RealNames::row).optional();
        audit.record("person.looked-up", "person", found.map(PersonRow::id).orElse(null),
                found.isPresent() ? Outcome.SUCCESS : Outcome.FAILED, Map.of("by", "id-number"));
        PersonRow p = found.orElseThrow(() -> ProblemException.notFound("person"));
        return new PersonAtWindow(p.id(), Masking.name(p.name()), Masking.idNumber(normalised), p.regionCode(), p.level());
    }

    Optional<PersonRow> bySubject(String subject) {
        return jdbc.sql(SELECT + " WHERE keycloak_user_id = ?").param(subject).query(RealNames::row).optional();
    }

    Optional<PersonRow> byId(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(RealNames::row).optional();
    }

    private static final String SELECT = "SELECT id, keycloak_user_id, name, id_number_enc, region_code, real_name_level FROM person";

    private static PersonRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PersonRow(rs.getString("id"), rs.getString("keycloak_user_id"), rs.getString("name"), rs.getString("id_number_enc"),
                rs.getString("region_code"), Level.valueOf(rs.getString("real_name_level")));
    }
}
