package cn.onehall.starter.security;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller as every OneHall service sees it, built from the Keycloak access token.
 *
 * @param subject    Keycloak user id ({@code sub})
 * @param username   preferred user name, or the client id for machine clients
 * @param clientId   the OAuth client that obtained the token ({@code azp})
 * @param roles      realm roles (applicant, officer, …)
 * @param region     GB/T 2260 region code the caller belongs to (行政区划)
 * @param department credit code of the caller's department (实施机构), staff only
 * @param holderType NATURAL_PERSON or LEGAL_PERSON for applicants (持证主体类型)
 * @param holderRef  ID number or credit code of the holder the caller acts for; personal data, never logged
 * @param agentRef   ID number of the natural person acting as an authorised agent (经办人) when the holder is an
 *                   enterprise the person switched to (claim {@code agent_ref}); null when acting for oneself
 */
public record CurrentUser(String subject, String username, String clientId, Set<String> roles, String region,
                          String department, String holderType, String holderRef, String agentRef) {

    public static final String ROLE_PREFIX = "ROLE_";

    public static CurrentUser from(Jwt jwt) {
        return new CurrentUser(jwt.getSubject(),
                firstNonBlank(jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp")),
                jwt.getClaimAsString("azp"), realmRoles(jwt), jwt.getClaimAsString("region"), jwt.getClaimAsString("department"),
                jwt.getClaimAsString("holder_type"), jwt.getClaimAsString("holder_ref"), jwt.getClaimAsString("agent_ref"));
    }

    /** The caller of the current request, or none outside an authenticated request. */
    public static java.util.Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
            return java.util.Optional.of(from(token.getToken()));
        }
        return java.util.Optional.empty();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    static Set<String> realmRoles(Jwt jwt) {
        // Read leniently: a malformed claim means no roles, not a failure.
        Set<String> roles = new TreeSet<>();
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess && realmAccess.get("roles") instanceof Collection<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        }
        return roles;
    }

    private static String firstNonBlank(String... values) {
        return java.util.stream.Stream.of(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }
}
