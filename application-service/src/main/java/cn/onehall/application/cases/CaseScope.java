package cn.onehall.application.cases;

import org.springframework.stereotype.Component;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * Who may see a case: the holder (and the holder's authorised agents, whose token carries the enterprise in
 * {@code holder_ref}); officers and dept-admins of a department the case is routed to; supervisors and integration clients
 * of the case's region subtree; platform administrators. Everyone else gets the same 404 as for a case that does not exist.
 */
@Component
public class CaseScope {

    private final CaseRepository cases;

    public CaseScope(CaseRepository cases) {
        this.cases = cases;
    }

    public boolean canRead(CurrentUser u, ApplicationCase c) {
        if (u.hasRole("platform-admin")) {
            return true;
        }
        if (isHolder(u, c)) {
            return true;
        }
        if ((u.hasRole("officer") || u.hasRole("dept-admin")) && u.department() != null && cases.routedTo(c.id(), u.department())) {
            return true;
        }
        return (u.hasRole("supervisor") || u.hasRole("integration")) && u.region() != null && RegionCode.contains(u.region(), c.regionCode());
    }

    public static boolean isHolder(CurrentUser u, ApplicationCase c) {
        return u.hasRole("applicant") && u.holderRef() != null && u.holderRef().equals(c.holderRef());
    }

    /** The case if the caller may read it, else 404 (the same answer as for an unknown case: nothing is revealed). */
    public ApplicationCase readable(CurrentUser u, ApplicationCase c) {
        if (c == null || !canRead(u, c)) {
            throw ProblemException.notFound("Case");
        }
        return c;
    }

    /** The case if the caller is an officer (or dept-admin) of its lead department (受理部门), else 404. */
    public ApplicationCase leadDepartment(CurrentUser u, ApplicationCase c) {
        if (c == null || !(u.hasRole("officer") || u.hasRole("dept-admin")) || u.department() == null
                || !u.department().equals(c.departmentCode())) {
            throw ProblemException.notFound("Case");
        }
        return c;
    }

    /** The case if the caller is its holder (applicant acting for it), else 404. */
    public ApplicationCase holder(CurrentUser u, ApplicationCase c) {
        if (c == null || !isHolder(u, c)) {
            throw ProblemException.notFound("Case");
        }
        return c;
    }
}
