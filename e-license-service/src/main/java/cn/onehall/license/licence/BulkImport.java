package cn.onehall.license.licence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.license.type.LicenceTypes;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * 存量电子化: paper licences that exist today, brought in as a batch. Every row is checked first; one bad row and nothing
 * is written, and the report lists every bad row, not just the first.
 */
@Service
public class BulkImport {

    public static final int MAX_ROWS = 1000;

    public record Row(String typeCode, String holderType, String holderRef, Map<String, String> data, java.time.LocalDate validFrom,
                      java.time.LocalDate validUntil, String paperNumber) {
    }

    public record Report(boolean written, boolean dryRun, int rows, List<FieldError> errors, List<Map<String, Object>> licences) {
    }

    private final LicenceService service;
    private final LicenceTypes types;

    BulkImport(LicenceService service, LicenceTypes types) {
        this.service = service;
        this.types = types;
    }

    public List<FieldError> check(List<Row> rows, CurrentUser user) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> papers = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int n = i + 1;
            if (r == null) {
                errors.add(new FieldError(n, "row", "is empty"));
                continue;
            }
            if (r.paperNumber() == null || r.paperNumber().isBlank()) {
                errors.add(new FieldError(n, "paperNumber", "the number of the paper licence is required"));
            } else if (!papers.add(r.typeCode() + "/" + r.paperNumber())) {
                errors.add(new FieldError(n, "paperNumber", "appears twice in this batch"));
            }
            types.find(r.typeCode()).filter(t -> !LicenceAccess.canIssue(user, t))
                    .ifPresent(t -> errors.add(new FieldError(n, "typeCode", "you may not issue licences of this type")));
            errors.addAll(service.validate(command(r), n));
        }
        return errors;
    }

    /** Validates the whole batch, then (unless a dry run) issues every row in one transaction. */
    @Transactional
    public Report run(List<Row> rows, boolean dryRun, CurrentUser user) {
        if (rows == null || rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "a batch has 1 to " + MAX_ROWS + " rows");
        }
        List<FieldError> errors = check(rows, user);
        if (!errors.isEmpty() || dryRun) {
            return new Report(false, dryRun, rows.size(), errors, List.of());
        }
        List<Map<String, Object>> issued = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Licence l = service.issue(command(rows.get(i)), user.username());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", i + 1);
            m.put("licenceId", l.publicId());
            m.put("identifier", l.identifier());
            m.put("paperNumber", l.paperNumber());
            issued.add(m);
        }
        return new Report(true, false, rows.size(), List.of(), issued);
    }

    private static IssueCommand command(Row r) {
        return new IssueCommand(r.typeCode(), r.holderType(), r.holderRef(), r.data(), r.validFrom(), r.validUntil(), null,
                r.paperNumber(), null, "IMPORT");
    }
}
