package cn.onehall.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class CurrentUserTest {

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60))
                .subject("s-1");
    }

    @Test
    void readsKeycloakClaimsOfAUser() {
        Jwt jwt = token().claim("preferred_username", "officer-market").claim("azp", "onehall-gateway")
                .claim("realm_access", Map.of("roles", List.of("officer", "dept-admin")))
                .claim("region", "440781").claim("department", "11440781MB2C00012D").build();
        CurrentUser user = CurrentUser.from(jwt);
        assertThat(user.username()).isEqualTo("officer-market");
        assertThat(user.roles()).containsExactly("dept-admin", "officer");
        assertThat(user.hasRole("officer")).isTrue();
        assertThat(user.region()).isEqualTo("440781");
        assertThat(user.department()).isEqualTo("11440781MB2C00012D");
        assertThat(user.holderType()).isNull();
    }

    @Test
    void aMachineClientWithoutUsernameIsNamedByItsClient() {
        CurrentUser user = CurrentUser.from(token().claim("azp", "county-taishan").build());
        assertThat(user.username()).isEqualTo("county-taishan");
        assertThat(user.roles()).isEmpty();
    }

    @Test
    void realmRolesBecomeRoleAuthorities() {
        Jwt jwt = token().claim("realm_access", Map.of("roles", List.of("applicant"))).build();
        assertThat(new RealmRoleAuthenticationConverter().convert(jwt).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_applicant");
    }

    @Test
    void aTokenWithoutRealmAccessHasNoRoles() {
        assertThat(new RealmRoleAuthenticationConverter().convert(token().claim("realm_access", "garbage").build()).getAuthorities()).isEmpty();
    }
}
