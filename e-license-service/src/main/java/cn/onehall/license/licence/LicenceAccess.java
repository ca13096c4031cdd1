package cn.onehall.license.licence;

import org.springframework.stereotype.Component;

import cn.onehall.license.type.LicenceType;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/** Who may see or change a licence. Anyone else gets the same 404 as for a licence that does not exist. */
@Component
public class LicenceAccess {

    private final LicenceRepository licences;
    private final Holders holders;

    LicenceAccess(LicenceRepository licences, Holders holders) {
        this.licences = licences;
        this.holders = holders;
    }

    /** The holder (or their agent) or staff in scope. */
    public Licence readable(String publicId, CurrentUser user) {
        return licences.byPublicId(publicId).filter(l -> holders.isHolder(user, l) || Holders.isStaffFor(user, l))
                .orElseThrow(() -> ProblemException.notFound("licence"));
    }

    /** Licence admins of its region and platform admins. */
    public Licence manageable(String publicId, CurrentUser user) {
        return licences.byPublicId(publicId).filter(l -> canManage(user, l.regionCode()))
                .orElseThrow(() -> ProblemException.notFound("licence"));
    }

    /** The holder's own (or their agent's), and nobody else's. */
    public Licence own(String publicId, CurrentUser user) {
        return licences.byPublicId(publicId).filter(l -> holders.isHolder(user, l))
                .orElseThrow(() -> ProblemException.notFound("licence"));
    }

    public static boolean canManage(CurrentUser user, String regionCode) {
        return user.hasRole("platform-admin")
                || user.hasRole("license-admin") && user.region() != null && regionCode.startsWith(Holders.regionPrefix(user.region()));
    }

    public static boolean canIssue(CurrentUser user, LicenceType type) {
        return canManage(user, type.regionCode());
    }
}
