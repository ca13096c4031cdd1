package cn.onehall.supervision.config;

import org.springframework.http.HttpStatus;

import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * What a caller may see of supervision data: a platform admin everything, a supervisor the region subtree of the
 * token's {@code region}, an officer or department admin their own department. Everyone else nothing.
 *
 * @param region     the caller's region (subtree), null = every region
 * @param department the caller's department, null = every department of the region
 */
public record Scope(String region, String department) {

    public static Scope of(CurrentUser user) {
        if (user.hasRole("platform-admin")) {
            return new Scope(null, null);
        }
        if (user.hasRole("supervisor") && RegionCode.isValid(user.region())) {
            return new Scope(user.region(), null);
        }
        if ((user.hasRole("officer") || user.hasRole("dept-admin")) && user.department() != null && !user.department().isBlank()) {
            return new Scope(null, user.department());
        }
        throw forbidden();
    }

    /** The region a query may cover: the one asked for if inside the scope, else a 403 that says nothing of the data. */
    public String regionFor(String asked) {
        if (asked == null) {
            return region;
        }
        if (region != null && !RegionCode.contains(region, asked)) {
            throw forbidden();
        }
        return asked;
    }

    /** The department a query may cover: a department user only ever their own. */
    public String departmentFor(String asked) {
        if (department == null) {
            return asked;
        }
        if (asked != null && !asked.equals(department)) {
            throw forbidden();
        }
        return department;
    }

    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not see supervision data of this scope");
    }
}
