package cn.onehall.license.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.PersonalDataProperties;
import cn.onehall.starter.security.CurrentUser;

/** Who counts as the holder (agents of an enterprise included) and who counts as staff of a licence. */
class HoldersTest {

    private final Holders holders = new Holders(new BlindIndex(new PersonalDataProperties(Map.of(), null,
            Base64.getEncoder().encodeToString(new byte[32]))));

    private Licence enterpriseLicence() {
        String ref = "91440781MA4W00001L";
        return new Licence(1, "x".repeat(26), "id", "11440781MB2C00012D001", "11440781MB2C00012D", "20260000001", 1, "440781",
                "LEGAL_PERSON", ref, holders.index("LEGAL_PERSON", ref), ref, "台山美食有限公司", Map.of(), LocalDate.of(2026, 1, 1), null,
                LicenceStatus.VALID, null, "ADMIN", null, null, "ABCDEFGH", "k", "s", Instant.now(), Instant.now());
    }

    private static CurrentUser user(Set<String> roles, String region, String department, String holderType, String holderRef, String agentRef) {
        return new CurrentUser("sub", "u", "c", roles, region, department, holderType, holderRef, agentRef);
    }

    @Test
    void anAgentActingForTheEnterpriseIsItsHolderAPersonIsNot() {
        Licence l = enterpriseLicence();
        assertThat(holders.isHolder(user(Set.of("applicant"), "440781", null, "LEGAL_PERSON", "91440781MA4W00001L", "440781199005151238"), l)).isTrue();
        assertThat(holders.isHolder(user(Set.of("applicant"), "440781", null, "LEGAL_PERSON", "91440781ma4w00001l", null), l)).isTrue();
        assertThat(holders.isHolder(user(Set.of("applicant"), "440781", null, "NATURAL_PERSON", "440781199005151238", null), l)).isFalse();
        assertThat(holders.isHolder(user(Set.of("applicant"), "440781", null, "NATURAL_PERSON", "91440781MA4W00001L", null), l)).isFalse();
        assertThat(holders.isHolder(user(Set.of("applicant"), "440781", null, null, null, null), l)).isFalse();
    }

    @Test
    void staffAreLicenceAdminsOfTheRegionOrAboveOfficersOfTheIssuerAndPlatformAdmins() {
        Licence l = enterpriseLicence();
        assertThat(Holders.isStaffFor(user(Set.of("license-admin"), "440781", null, null, null, null), l)).isTrue();
        assertThat(Holders.isStaffFor(user(Set.of("license-admin"), "440700", null, null, null, null), l)).isTrue();
        assertThat(Holders.isStaffFor(user(Set.of("license-admin"), "445103", null, null, null, null), l)).isFalse();
        assertThat(Holders.isStaffFor(user(Set.of("officer"), "440781", "11440781MB2C00012D", null, null, null), l)).isTrue();
        assertThat(Holders.isStaffFor(user(Set.of("officer"), "440781", "11440781MB2C000208", null, null, null), l)).isFalse();
        assertThat(Holders.isStaffFor(user(Set.of("platform-admin"), "440000", null, null, null, null), l)).isTrue();
        assertThat(Holders.isStaffFor(user(Set.of("applicant"), "440781", null, null, null, null), l)).isFalse();
        assertThat(Holders.regionPrefix("440700")).isEqualTo("4407");
        assertThat(Holders.regionPrefix("440000")).isEqualTo("44");
        assertThat(Holders.regionPrefix("440781")).isEqualTo("440781");
    }

    @Test
    void numbersAreMaskedForPersonsOnly() {
        assertThat(Holders.mask("NATURAL_PERSON", "440781198803140029")).isEqualTo("440781********0029");
        assertThat(Holders.mask("LEGAL_PERSON", "91440781MA4W00001L")).isEqualTo("91440781MA4W00001L");
        assertThat(Holders.display("NATURAL_PERSON", "张三")).isEqualTo("张*");
        assertThat(Holders.display("LEGAL_PERSON", "台山美食有限公司")).isEqualTo("台山美食有限公司");
    }
}
