package cn.onehall.catalog.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Bulk import of implementation items (drafts, for legality review as usual), for county and city halls: every row is
 * checked with the same rules as a single creation, inside one transaction; one bad row and nothing is stored, and
 * the answer lists every bad row with its errors.
 */
@Service
public class BulkImport {

    public static final int MAX_ROWS = 500;

    private final ItemAdministration administration;
    private final Validator validator;

    BulkImport(ItemAdministration administration, Validator validator) {
        this.administration = administration;
        this.validator = validator;
    }

    @Transactional
    public List<String> importAll(List<ItemCreation> rows, CurrentUser editor) {
        if (rows == null || rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw ItemAdministration.invalid("items", "must hold 1 to " + MAX_ROWS + " items");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            ItemCreation item = rows.get(row);
            if (item == null) {
                errors.add(error(row, "", "is empty"));
                continue;
            }
            Set<ConstraintViolation<ItemCreation>> violations = validator.validate(item);
            if (!violations.isEmpty()) {
                for (ConstraintViolation<ItemCreation> v : violations) {
                    errors.add(error(row, v.getPropertyPath().toString(), v.getMessage()));
                }
                continue;
            }
            try {
                codes.add(administration.create(item, null, editor).code());
            } catch (ProblemException e) {
                Object fieldErrors = e.properties().get("errors");
                if (fieldErrors instanceof List<?> list && !list.isEmpty()) {
                    for (Object f : list) {
                        Map<?, ?> m = (Map<?, ?>) f;
                        errors.add(error(row, String.valueOf(m.get("field")), String.valueOf(m.get("message"))));
                    }
                } else {
                    errors.add(error(row, e.code(), e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            // Thrown out of the transaction: every row written so far is rolled back.
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION,
                    "Nothing was imported: " + errors.stream().map(e -> e.get("row")).distinct().count() + " of " + rows.size() + " rows are not valid",
                    Map.of("errors", errors));
        }
        return codes;
    }

    private static Map<String, Object> error(int row, String field, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("row", row);
        e.put("field", field);
        e.put("message", message);
        return e;
    }
}
