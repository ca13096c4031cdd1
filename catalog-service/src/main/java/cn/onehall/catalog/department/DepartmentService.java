package cn.onehall.catalog.department;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.catalog.region.RegionDirectory;
import cn.onehall.starter.audit.AuditLog;
import cn.onehall.starter.audit.Outcome;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/** Departments are edited by catalogue administrators of the department's region or a region above it. */
@Service
public class DepartmentService {

    private final DepartmentRepository departments;
    private final RegionDirectory regions;
    private final AuditLog audit;

    DepartmentService(DepartmentRepository departments, RegionDirectory regions, AuditLog audit) {
        this.departments = departments;
        this.regions = regions;
        this.audit = audit;
    }

    public Department get(String creditCode) {
        return departments.find(CreditCode.normalise(creditCode)).orElseThrow(() -> ProblemException.notFound("Department"));
    }

    public List<Department> page(String region, String after, int limit) {
        regions.require(region);
        return departments.page(RegionCode.subtreePrefix(region), after, limit);
    }

    @Transactional
    public Department create(DepartmentDraft draft, CurrentUser editor) {
        DepartmentDraft d = normalised(draft);
        checkScope(editor, d.regionCode());
        departments.insert(d, editor.username());
        audit.record("department.create", "department", d.creditCode(), Outcome.SUCCESS, Map.of("region", d.regionCode()));
        return get(d.creditCode());
    }

    @Transactional
    public Department update(String creditCode, DepartmentDraft draft, int expectedVersion, CurrentUser editor) {
        DepartmentDraft d = normalised(draft);
        if (!d.creditCode().equals(CreditCode.normalise(creditCode))) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "The credit code of a department cannot change");
        }
        Department current = get(creditCode);
        checkScope(editor, current.regionCode());
        checkScope(editor, d.regionCode());
        if (!departments.update(d, expectedVersion, editor.username())) {
            throw ProblemException.conflict(ProblemCode.CONFLICT, "Someone else changed this department first (version "
                    + get(creditCode).version() + "); reload it and try again");
        }
        audit.record("department.update", "department", d.creditCode(), Outcome.SUCCESS,
                Map.of("region", d.regionCode(), "version", expectedVersion + 1));
        return get(creditCode);
    }

    private DepartmentDraft normalised(DepartmentDraft d) {
        regions.require(d.regionCode());
        return new DepartmentDraft(CreditCode.normalise(d.creditCode()), d.name().strip(), blankToNull(d.shortName()), d.regionCode(),
                blankToNull(d.phone()), blankToNull(d.address()));
    }

    /** A platform administrator edits everywhere; a catalogue administrator only inside its own region subtree. */
    private static void checkScope(CurrentUser editor, String regionCode) {
        if (editor.hasRole("platform-admin")) {
            return;
        }
        if (editor.region() == null || !RegionCode.contains(editor.region(), regionCode)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "This region is outside the one you administer");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
