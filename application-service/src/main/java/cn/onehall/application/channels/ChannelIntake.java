package cn.onehall.application.channels;

import static cn.onehall.application.cases.CaseTransitions.cols;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseAction;
import cn.onehall.application.cases.CaseEvents;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseStatus;
import cn.onehall.application.cases.CaseTransitions;
import cn.onehall.application.cases.CaseTransitions.Act;
import cn.onehall.application.cases.Channel;
import cn.onehall.application.intake.IntakeService;
import cn.onehall.application.intake.MaterialRepository;
import cn.onehall.application.intake.MaterialRepository.CaseMaterial;
import cn.onehall.application.peers.ItemGuide;
import cn.onehall.application.peers.Peers;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases that do not start in the applicant's browser: WINDOW (an officer files it for a person at the counter, which is a
 * visit) and IMPORTED (a county system's cases in bulk, idempotent by the system's own id, the whole batch checked first).
 */
@Service
class ChannelIntake {

    private final CaseRepository cases;
    private final MaterialRepository materials;
    private final CaseTransitions transitions;
    private final CaseEvents events;
    private final Peers peers;
    private final JsonMapper json;
    private final Clock clock;

    ChannelIntake(CaseRepository cases, MaterialRepository materials, CaseTransitions transitions, CaseEvents events, Peers peers, JsonMapper json,
                  Clock clock) {
        this.cases = cases;
        this.materials = materials;
        this.transitions = transitions;
        this.events = events;
        this.peers = peers;
        this.json = json;
        this.clock = clock;
    }

    record Filed(ApplicationCase c, boolean created) {
    }

    @Transactional
    public Filed window(ChannelRequests.WindowCase request, String idempotencyKey, CurrentUser officer) {
        IntakeService.requireIdempotencyKey(idempotencyKey);
        var existing = cases.findBySubmissionKey(officer.subject(), idempotencyKey);
        if (existing.isPresent()) {
            return new Filed(existing.get(), false);
        }
        checkHolder(request.holderType(), request.holderRef(), "holderRef");
        ItemGuide guide = peers.currentGuide(request.itemCode());
        if (officer.department() == null || !officer.department().equals(guide.departmentCode())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You file window cases only for your own department's items");
        }
        String holderRef = normalise(request.holderType(), request.holderRef());
        ApplicationCase draft = IntakeService.fromGuide(guide, Channel.WINDOW, CaseStatus.DRAFT, request.holderType(), holderRef, null,
                request.applicantName(), request.contactPhone(), officer.subject(), json.writeValueAsString(request.form()), null, null);
        long id = cases.insertDraft(draft);
        for (String code : request.paperMaterials()) {
            if (guide.material(code).isEmpty()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "UNKNOWN_MATERIAL", "This item asks for no material " + code);
            }
            materials.insert(new CaseMaterial(0, id, code, "PAPER", null, null, null, null, null, null, null, null));
        }
        IntakeService.checkMaterials(guide, materials.ofCase(id), true);
        ApplicationCase c = cases.find(id).orElseThrow();
        cases.route(c, guide.departmentCode());
        ApplicationCase submitted = transitions.apply(Act.of(c, null, CaseAction.SUBMIT, CaseStatus.SUBMITTED, "submitted")
                .changes(cols("case_number", IntakeService.caseNumber(guide.regionCode(), LocalDate.now(clock), cases.nextCaseSequence()),
                        "query_code", IntakeService.queryCode(), "submission_key", idempotencyKey, "submitted_at", clock.instant(), "visits", 1))
                .note("filed at the window"));
        events.publish("visit-recorded", submitted, "application at the window");
        return new Filed(submitted, true);
    }

    public record Imported(String externalId, String caseNumber, boolean created) {
    }

    /** Checks every case of the batch before writing any; then writes all in one transaction. */
    @Transactional
    public List<Imported> importBatch(List<ChannelRequests.ImportedCase> batch, CurrentUser client) {
        if (client.region() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "The client has no region");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, ItemGuide> guides = new HashMap<>();
        Instant now = clock.instant();
        for (int i = 0; i < batch.size(); i++) {
            ChannelRequests.ImportedCase c = batch.get(i);
            String at = "cases[" + i + "].";
            if (!ids.add(c.externalId())) {
                errors.add(Map.of("field", at + "externalId", "message", "appears twice in the batch"));
            }
            if (!validHolder(c.holderType(), c.holderRef())) {
                errors.add(Map.of("field", at + "holderRef", "message", "is not a valid ID number or credit code for " + c.holderType()));
            }
            if (c.submittedAt().toInstant().isAfter(now)) {
                errors.add(Map.of("field", at + "submittedAt", "message", "is in the future"));
            }
            ItemGuide guide = guides.computeIfAbsent(c.itemCode(), code -> {
                try {
                    return peers.currentGuide(code);
                } catch (ProblemException e) {
                    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                        throw e;
                    }
                    return null;
                }
            });
            if (guide == null) {
                errors.add(Map.of("field", at + "itemCode", "message", "is not a published item"));
            } else if (!RegionCode.contains(client.region(), guide.regionCode())) {
                errors.add(Map.of("field", at + "itemCode", "message", "is outside the region " + client.region() + " of this client"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "The batch was not imported: " + errors.size()
                    + " problem(s); nothing was written", Map.of("errors", errors));
        }
        List<Imported> results = new ArrayList<>();
        for (ChannelRequests.ImportedCase c : batch) {
            var existing = cases.findByExternalId(client.clientId(), c.externalId());
            if (existing.isPresent()) {
                results.add(new Imported(c.externalId(), existing.get().caseNumber(), false));
                continue;
            }
            ItemGuide guide = guides.get(c.itemCode());
            ApplicationCase draft = IntakeService.fromGuide(guide, Channel.IMPORTED, CaseStatus.DRAFT, c.holderType(),
                    normalise(c.holderType(), c.holderRef()), null, c.applicantName(), null, client.subject(), null, client.clientId(), c.externalId());
            long id = cases.insertDraft(draft);
            ApplicationCase row = cases.find(id).orElseThrow();
            cases.route(row, guide.departmentCode());
            Map<String, Object> changes = new LinkedHashMap<>(cols("case_number",
                    IntakeService.caseNumber(guide.regionCode(), c.submittedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate(),
                            cases.nextCaseSequence()),
                    "query_code", IntakeService.queryCode(), "submitted_at", c.submittedAt().toInstant()));
            ApplicationCase submitted = transitions.apply(Act.of(row, null, CaseAction.SUBMIT, CaseStatus.SUBMITTED, "submitted").changes(changes)
                    .note("imported from " + client.clientId()));
            results.add(new Imported(c.externalId(), submitted.caseNumber(), true));
        }
        return results;
    }

    static boolean validHolder(String holderType, String holderRef) {
        return "NATURAL_PERSON".equals(holderType) ? IdNumber.isValid(holderRef) : CreditCode.isValid(holderRef);
    }

    static void checkHolder(String holderType, String holderRef, String field) {
        if (!validHolder(holderType, holderRef)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid",
                    Map.of("errors", List.of(Map.of("field", field, "message", "is not a valid ID number or credit code for " + holderType))));
        }
    }

    static String normalise(String holderType, String holderRef) {
        return "NATURAL_PERSON".equals(holderType) ? IdNumber.normalise(holderRef) : CreditCode.normalise(holderRef);
    }

}
