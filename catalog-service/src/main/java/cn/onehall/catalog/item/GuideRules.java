package cn.onehall.catalog.item;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.onehall.catalog.department.DepartmentService;
import cn.onehall.catalog.item.GuideContent.Material;
import cn.onehall.catalog.item.GuideContent.MaterialSource;
import cn.onehall.catalog.theme.Theme;
import cn.onehall.catalog.theme.ThemeCatalogue;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * The rules of a guide that need the rest of the catalogue (themes, departments) or span fields; the single-field
 * rules are the bean-validation annotations of {@link GuideContent}. Every broken rule is reported at once.
 */
@Component
class GuideRules {

    private final ThemeCatalogue themes;
    private final DepartmentService departments;

    GuideRules(ThemeCatalogue themes, DepartmentService departments) {
        this.themes = themes;
        this.departments = departments;
    }

    /** The content with codes upper-cased; a 400 problem listing every broken rule otherwise. */
    GuideContent check(GuideContent c, String departmentCode) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (String code : c.themes()) {
            Theme theme = themes.find(code).orElse(null);
            if (theme == null) {
                errors.add(error("themes", "theme " + code + " does not exist"));
            } else if (!c.serviceObjects().contains(theme.serviceObject())) {
                errors.add(error("themes", "theme " + code + " is for " + theme.serviceObject() + ", which is not a service object of the item"));
            }
        }
        if (new HashSet<>(c.serviceObjects()).size() != c.serviceObjects().size()) {
            errors.add(error("serviceObjects", "must not repeat a service object"));
        }
        if (c.legalLimit().unit() == c.promisedLimit().unit() && c.promisedLimit().value() > c.legalLimit().value()) {
            errors.add(error("promisedLimit", "must not be longer than the legal time limit (承诺时限不得超过法定时限)"));
        }
        if (c.fee().amount().signum() > 0 && (c.fee().basis() == null || c.fee().basis().isBlank())) {
            errors.add(error("fee.basis", "is required when a fee is charged (收费依据)"));
        }
        List<String> parallel = c.parallelDepartments() == null ? List.of()
                : c.parallelDepartments().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        if (!parallel.isEmpty()) {
            if (new HashSet<>(parallel).size() != parallel.size()) {
                errors.add(error("parallelDepartments", "must not repeat a department"));
            }
            if (parallel.size() < 2 || !parallel.contains(departmentCode)) {
                errors.add(error("parallelDepartments", "lists every department of the parallel approval, the item's own department included"));
            }
            for (String d : parallel) {
                if (!knownDepartment(d)) {
                    errors.add(error("parallelDepartments", "department " + d + " is not in the catalogue"));
                }
            }
        }
        if (c.issuesLicenceType() != null && !c.issuesLicenceType().startsWith(departmentCode)
                && parallel.stream().noneMatch(c.issuesLicenceType()::startsWith)) {
            errors.add(error("issuesLicenceType", "must be a licence type of the item's department (its credit code + 3 digits)"));
        }
        if (c.issuesLicenceType() != null && !ItemCodes.isValidLicenceTypeCode(c.issuesLicenceType())) {
            errors.add(error("issuesLicenceType", "is not a licence type code"));
        }
        Set<String> materialCodes = new HashSet<>();
        Set<String> materialNames = new HashSet<>();
        for (int i = 0; i < c.materials().size(); i++) {
            Material m = c.materials().get(i);
            String field = "materials[" + i + "]";
            if (!materialCodes.add(m.code())) {
                errors.add(error(field + ".code", "material code " + m.code() + " is used twice"));
            }
            if (!materialNames.add(m.name())) {
                errors.add(error(field + ".name", "the same material is asked for twice"));
            }
            if (m.source() == MaterialSource.LICENCE) {
                if (m.licenceTypeCode() == null || !ItemCodes.isValidLicenceTypeCode(m.licenceTypeCode())) {
                    errors.add(error(field + ".licenceTypeCode", "is required for a LICENCE material and must be a licence type code"));
                }
            } else if (m.licenceTypeCode() != null) {
                errors.add(error(field + ".licenceTypeCode", "is only for LICENCE materials"));
            }
            if (m.source() == MaterialSource.SHARED) {
                if (m.sharedByDepartment() == null || !knownDepartment(m.sharedByDepartment().toUpperCase(Locale.ROOT))) {
                    errors.add(error(field + ".sharedByDepartment", "is required for a SHARED material and must be a department of the catalogue"));
                }
            } else if (m.sharedByDepartment() != null) {
                errors.add(error(field + ".sharedByDepartment", "is only for SHARED materials"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid", Map.of("errors", errors));
        }
        List<Material> materials = c.materials().stream().map(m -> new Material(m.code(), m.name().strip(), m.required(), m.copies(), m.source(),
                m.licenceTypeCode(), m.sharedByDepartment() == null ? null : m.sharedByDepartment().toUpperCase(Locale.ROOT),
                m.maxSizeMb(), m.mediaTypes(), m.formTemplate(), m.note())).toList();
        return new GuideContent(c.name().strip(), c.validFrom(), List.copyOf(c.serviceObjects()), List.copyOf(c.themes()), c.onlineDepth(),
                c.visits(), c.preReview(), c.legalLimit(), c.promisedLimit(), c.fee(), parallel, c.issuesLicenceType(),
                c.requiredRealNameLevel() == null ? GuideContent.RealNameLevel.L1 : c.requiredRealNameLevel(), materials, c.conditions(),
                c.processSteps(), c.places(), c.consultationPhone(), c.keywords(), c.synonyms());
    }

    private boolean knownDepartment(String code) {
        try {
            departments.get(code);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                Map.of("errors", List.of(error(field, message))));
    }
}
