package cn.onehall.identity.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.onehall.identity.keycloak.KeycloakDirectory;
import cn.onehall.identity.web.Idempotency;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff accounts (工作人员) in Keycloak: platform-admin manages any; a dept-admin only those of its own department, and
 * only with the roles a department hands out (officer, supervisor). The department and region live in the Keycloak
 * attributes every token carries, so they are the truth this checks against.
 */
@Service
public class StaffAccounts {

    static final Set<String> DEPARTMENT_ROLES = Set.of("officer", "supervisor");
    static final Set<String> PLATFORM_ROLES = Set.of("officer", "supervisor", "dept-admin", "catalog-admin", "license-admin");

    private final KeycloakDirectory keycloak;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final BlindIndex index;
    private final JsonMapper json;

    StaffAccounts(KeycloakDirectory keycloak, AuditLog audit, Idempotency idempotency, BlindIndex index, JsonMapper json) {
        this.keycloak = keycloak;
        this.audit = audit;
        this.idempotency = idempotency;
        this.index = index;
        this.json = json;
    }

    public record Created(int status, String body) {
    }

    /** {@link #create} behind an Idempotency-Key: a repeat gets the first answer instead of a 409. */
    public Created create(NewStaff s, CurrentUser admin, String idempotencyKey) {
        String fingerprint = index.of(String.join("\u0000", "staff", admin.subject(), s.username(), s.name(), String.valueOf(new TreeSet<>(s.roles())),
                String.valueOf(s.department()), String.valueOf(s.region())), "idempotency");
        var earlier = idempotency.find("staff", idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return new Created(earlier.get().status(), earlier.get().body());
        }
        String body = json.writeValueAsString(create(s, admin));
        idempotency.remember("staff", idempotencyKey, fingerprint, 201, body);
        return new Created(201, body);
    }

    public record NewStaff(String username, String name, Set<String> roles, String department, String region, String initialPassword) {
        @Override
        public String toString() {
            return "NewStaff[" + username + "]";
        }
    }

    public record Staff(String id, String username, String name, Set<String> roles, String department, String region, boolean enabled) {
    }

    public Staff create(NewStaff s, CurrentUser admin) {
        String department = CreditCode.normalise(s.department());
        requireMayAssign(admin, department, s.roles());
        if (!admin.hasRole("platform-admin") && !s.region().equals(admin.region())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "A department administrator creates staff of its own region only");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("department", department);
        attributes.put("region", s.region());
        String id = keycloak.create(new KeycloakDirectory.NewUser(s.username(), s.name(), null, attributes, s.initialPassword()));
        try {
            for (String role : s.roles()) {
                keycloak.grantRealmRole(id, role);
            }
            audit.record("staff.created", "staff", id, Outcome.SUCCESS, Map.of("roles", new TreeSet<>(s.roles()), "department", department,
                    "region", s.region()));
        } catch (RuntimeException e) {
            keycloak.delete(id); // no account with half its roles
            throw e;
        }
        return new Staff(id, s.username(), s.name(), new TreeSet<>(s.roles()), department, s.region(), true);
    }

    public record Page(List<Staff> items, String nextCursor) {
    }

    /**
     * Staff of one department, a dept-admin's own only. Keycloak pages users by position in its username order, so the
     * cursor is that position (opaque to clients).
     */
    public Page list(String department, CurrentUser admin, int cursor, int limit) {
        String code = department == null ? admin.department() : CreditCode.normalise(department);
        if (code == null) {
            throw validation("department", "is required");
        }
        if (!admin.hasRole("platform-admin") && !code.equals(admin.department())) {
            audit.record("staff.access-denied", "department", code, Outcome.DENIED, Map.of());
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "A department administrator sees only its own department");
        }
        List<Map<String, Object>> users = keycloak.usersByAttribute("department", code, cursor, limit + 1);
        boolean more = users.size() > limit;
        List<Staff> items = users.stream().limit(limit).map(u -> toStaff((String) u.get("id"), u)).toList();
        return new Page(items, more ? Integer.toString(cursor + limit) : null);
    }

    public Staff get(String id, CurrentUser admin) {
        return toStaff(id, scoped(id, admin));
    }

    /** Replaces the staff roles (those this service manages); other roles the account has stay. */
    public Staff changeRoles(String id, Set<String> roles, CurrentUser admin) {
        Map<String, Object> user = scoped(id, admin);
        requireMayAssign(admin, attribute(user, "department"), roles);
        List<String> current = keycloak.realmRoles(id);
        for (String role : current) {
            if (PLATFORM_ROLES.contains(role) && !roles.contains(role)) {
                keycloak.removeRealmRole(id, role);
            }
        }
        for (String role : roles) {
            if (!current.contains(role)) {
                keycloak.grantRealmRole(id, role);
            }
        }
        audit.record("staff.roles-changed", "staff", id, Outcome.SUCCESS, Map.of("roles", new TreeSet<>(roles)));
        return toStaff(id, keycloak.user(id).orElseThrow(() -> ProblemException.notFound("staff account")));
    }

    public Staff setEnabled(String id, boolean enabled, CurrentUser admin) {
        if (id.equals(admin.subject())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "OWN_ACCOUNT", "You cannot disable your own account");
        }
        scoped(id, admin);
        keycloak.setEnabled(id, enabled);
        audit.record(enabled ? "staff.enabled" : "staff.disabled", "staff", id, Outcome.SUCCESS, Map.of());
        return toStaff(id, keycloak.user(id).orElseThrow(() -> ProblemException.notFound("staff account")));
    }

    /** The account, if it is staff the admin may manage; otherwise the 404 of an unknown account. */
    private Map<String, Object> scoped(String id, CurrentUser admin) {
        Map<String, Object> user = keycloak.user(id).orElseThrow(() -> ProblemException.notFound("staff account"));
        String department = attribute(user, "department");
        if (department == null) {
            throw ProblemException.notFound("staff account"); // applicants are not staff
        }
        if (!admin.hasRole("platform-admin") && !department.equals(admin.department())) {
            audit.record("staff.access-denied", "staff", id, Outcome.DENIED, Map.of());
            throw ProblemException.notFound("staff account");
        }
        return user;
    }

    private void requireMayAssign(CurrentUser admin, String department, Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw validation("roles", "name at least one role");
        }
        if (admin.hasRole("platform-admin")) {
            if (!PLATFORM_ROLES.containsAll(roles)) {
                throw validation("roles", "may only be " + new TreeSet<>(PLATFORM_ROLES));
            }
            return;
        }
        if (admin.department() == null || !admin.department().equals(department)) {
            audit.record("staff.access-denied", "department", department, Outcome.DENIED, Map.of());
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "A department administrator manages only its own department");
        }
        if (!DEPARTMENT_ROLES.containsAll(roles)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "A department administrator may grant only " + new TreeSet<>(DEPARTMENT_ROLES));
        }
    }

    private Staff toStaff(String id, Map<String, Object> user) {
        Set<String> roles = new TreeSet<>(keycloak.realmRoles(id));
        roles.retainAll(PLATFORM_ROLES);
        String name = String.join("", List.of(String.valueOf(user.getOrDefault("lastName", "")), String.valueOf(user.getOrDefault("firstName", "")))).strip();
        return new Staff(id, (String) user.get("username"), name, roles, attribute(user, "department"), attribute(user, "region"),
                Boolean.TRUE.equals(user.get("enabled")));
    }

    @SuppressWarnings("unchecked")
    static String attribute(Map<String, Object> user, String name) {
        if (user.get("attributes") instanceof Map<?, ?> attributes && attributes.get(name) instanceof List<?> values && !values.isEmpty()) {
            return String.valueOf(values.getFirst());
        }
        return null;
    }

    private static ProblemException validation(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
