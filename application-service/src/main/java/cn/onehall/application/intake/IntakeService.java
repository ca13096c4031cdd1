package cn.onehall.application.intake;

import static cn.onehall.application.cases.CaseTransitions.cols;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.onehall.application.cases.ApplicationCase;
import cn.onehall.application.cases.CaseAction;
import cn.onehall.application.cases.CaseRepository;
import cn.onehall.application.cases.CaseScope;
import cn.onehall.application.cases.CaseStateMachine;
import cn.onehall.application.cases.CaseStatus;
import cn.onehall.application.cases.CaseTransitions;
import cn.onehall.application.cases.CaseTransitions.Act;
import cn.onehall.application.cases.Channel;
import cn.onehall.application.intake.MaterialRepository.CaseMaterial;
import cn.onehall.application.peers.ItemGuide;
import cn.onehall.application.peers.LicenceClient;
import cn.onehall.application.peers.Peers;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统一申请: drafts, materials (uploads or the applicant's own electronic licences) and the submission that pins the item
 * version, issues the case number, query code and receipt.
 */
@Service
public class IntakeService {

    public static final String MATERIALS_MISSING = "MATERIALS_MISSING";
    private static final String QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final CaseRepository cases;
    private final MaterialRepository materials;
    private final MaterialStorage storage;
    private final Peers peers;
    private final CaseScope scope;
    private final CaseTransitions transitions;
    private final JsonMapper json;
    private final Clock clock;

    IntakeService(CaseRepository cases, MaterialRepository materials, MaterialStorage storage, Peers peers, CaseScope scope,
                  CaseTransitions transitions, JsonMapper json, Clock clock) {
        this.cases = cases;
        this.materials = materials;
        this.storage = storage;
        this.peers = peers;
        this.scope = scope;
        this.transitions = transitions;
        this.json = json;
        this.clock = clock;
    }

    public record Receipt(String caseNumber, String queryCode, CaseStatus status, java.time.OffsetDateTime submittedAt, String itemCode,
                          int itemVersion, String itemName, String departmentName, Integer promisedLimit, String promisedUnit) {
    }

    public record LicenceMatch(String materialCode, String materialName, String licenceTypeCode, boolean required,
                               List<LicenceClient.Match> licences) {
    }

    /** @param idempotencyKey optional: the same key again returns the draft it created */
    @Transactional
    public ApplicationCase createDraft(DraftRequest request, String idempotencyKey, CurrentUser u) {
        requireApplicant(u);
        if (idempotencyKey != null) {
            requireIdempotencyKey(idempotencyKey);
            var existing = cases.findByCreationKey(u.subject(), idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Channel channel = request.channel() == null ? Channel.ONLINE_WEB : request.channel();
        if (!channel.online()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Applicants apply ONLINE_WEB or ONLINE_MOBILE");
        }
        ItemGuide guide = request.bundleCode() != null ? peers.bundleGuide(request.bundleCode(), true) : peers.currentGuide(request.itemCode());
        checkServiceObject(guide, u.holderType());
        checkRealNameLevel(guide);
        ApplicationCase draft = fromGuide(guide, request.bundleCode(), channel, CaseStatus.DRAFT, u.holderType(), u.holderRef(), u.agentRef(),
                request.applicantName(), request.contactPhone(), u.subject(), json.writeValueAsString(request.form()), null, null);
        long id = cases.insertDraft(draft);
        if (idempotencyKey != null) {
            cases.setCreationKey(id, idempotencyKey);
        }
        cases.timeline(id, clock.instant(), "drafted", CaseStatus.DRAFT, "applicant", null, null);
        return cases.find(id).orElseThrow();
    }

    @Transactional
    public ApplicationCase updateDraft(long id, DraftRequest request, CurrentUser u) {
        ApplicationCase c = editable(id, u);
        boolean same = c.bundleCode() != null ? c.bundleCode().equals(request.bundleCode()) : c.itemCode().equals(request.itemCode());
        if (!same) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "The item or bundle of a draft cannot change; start a new draft");
        }
        if (!cases.update(c, cols("applicant_name", request.applicantName(), "contact_phone", request.contactPhone(),
                "form_json", json.writeValueAsString(request.form())))) {
            throw CaseTransitions.conflict(c);
        }
        return cases.find(id).orElseThrow();
    }

    public ApplicationCase draft(long id, CurrentUser u) {
        return scope.holder(u, cases.find(id).orElse(null));
    }

    /** Once-only (一次告知、只交一次): which LICENCE materials of the guide the applicant's own licences already satisfy. */
    public List<LicenceMatch> licenceMatches(long id, CurrentUser u) {
        ApplicationCase c = draft(id, u);
        ItemGuide guide = peers.guideOf(c);
        List<ItemGuide.Material> licenceMaterials = guide.materials().stream()
                .filter(m -> "LICENCE".equals(m.source()) && m.licenceTypeCode() != null).toList();
        List<LicenceClient.Match> found = peers.licenceMatches(licenceMaterials.stream().map(ItemGuide.Material::licenceTypeCode).distinct().toList());
        return licenceMaterials.stream().map(m -> new LicenceMatch(m.code(), m.name(), m.licenceTypeCode(), m.isRequired(),
                found.stream().filter(l -> m.licenceTypeCode().equals(l.typeCode())).toList())).toList();
    }

    @Transactional
    public CaseMaterial upload(long id, String materialCode, MultipartFile file, CurrentUser u) {
        ApplicationCase c = editable(id, u);
        ItemGuide guide = peers.guideOf(c);
        ItemGuide.Material material = guide.material(materialCode).orElseThrow(() -> unknownMaterial(materialCode));
        if ("SHARED".equals(material.source())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "MATERIAL_SHARED",
                    "Material " + materialCode + " is fetched by the department from shared data; do not upload it");
        }
        if (file == null || file.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "The upload is empty");
        }
        long maxBytes = (material.maxSizeMb() == null ? 10L : material.maxSizeMb()) * 1024 * 1024;
        if (file.getSize() > maxBytes) {
            throw tooLarge(materialCode, maxBytes);
        }
        String mediaType = checkedMediaType(file, material);
        MaterialStorage.Stored stored;
        try (InputStream in = file.getInputStream()) {
            stored = storage.store(in, maxBytes);
        } catch (MaterialStorage.TooLarge e) {
            throw tooLarge(materialCode, maxBytes);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED, "The upload could not be read");
        }
        try {
            String name = file.getOriginalFilename() == null ? null : file.getOriginalFilename().replaceAll("[\\p{Cntrl}/\\\\]", "_");
            if (name != null && name.length() > 200) {
                name = name.substring(name.length() - 200);
            }
            long mid = materials.insert(new CaseMaterial(0, c.id(), materialCode, "UPLOAD", name, mediaType, stored.sizeBytes(),
                    stored.sha256(), stored.key(), null, null, null));
            touch(c);
            return materials.find(c.id(), mid).orElseThrow();
        } catch (RuntimeException e) {
            storage.delete(stored.key()); // nothing half-written: no file without its row
            throw e;
        }
    }

    /** Attaches one of the applicant's own licences as the material; a licence that is not theirs is a 422 problem. */
    @Transactional
    public CaseMaterial attachLicence(long id, String materialCode, String licenceId, CurrentUser u) {
        ApplicationCase c = editable(id, u);
        ItemGuide guide = peers.guideOf(c);
        ItemGuide.Material material = guide.material(materialCode).orElseThrow(() -> unknownMaterial(materialCode));
        if (!"LICENCE".equals(material.source()) || material.licenceTypeCode() == null) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "MATERIAL_NOT_A_LICENCE",
                    "Material " + materialCode + " is not provided by an electronic licence");
        }
        LicenceClient.Match match = peers.licenceMatches(List.of(material.licenceTypeCode())).stream()
                .filter(l -> licenceId.equals(l.licenceId()) && material.licenceTypeCode().equals(l.typeCode())).findFirst()
                .orElseThrow(() -> Peers.notYourLicence(licenceId));
        long mid = materials.insert(new CaseMaterial(0, c.id(), materialCode, "LICENCE", null, null, null, null, null, match.licenceId(),
                match.typeCode(), match.name()));
        touch(c);
        return materials.find(c.id(), mid).orElseThrow();
    }

    @Transactional
    public void removeMaterial(long id, long materialId, CurrentUser u) {
        ApplicationCase c = editable(id, u);
        CaseMaterial m = materials.find(c.id(), materialId).orElseThrow(() -> ProblemException.notFound("Material"));
        materials.delete(m.id());
        touch(c);
        if (m.storageKey() != null) {
            storage.delete(m.storageKey());
        }
    }

    /**
     * Submits a draft: pins the currently valid item version, checks the materials against it, records the licence uses,
     * issues the case number and query code. The same Idempotency-Key again returns the same receipt; another key on a
     * submitted draft is a 409.
     *
     * @return the receipt and whether this call created it (false: a replay)
     */
    @Transactional
    public Submitted submit(long id, String idempotencyKey, CurrentUser u) {
        requireIdempotencyKey(idempotencyKey);
        ApplicationCase c = scope.holder(u, cases.lock(id).orElse(null));
        if (c.status() != CaseStatus.DRAFT) {
            if (idempotencyKey.equals(c.submissionKey())) {
                return new Submitted(receipt(c), false);
            }
            CaseStateMachine.require(c.status(), CaseAction.SUBMIT);
        }
        ItemGuide guide = peers.currentGuideOf(c);
        checkServiceObject(guide, c.holderType());
        checkRealNameLevel(guide);
        List<CaseMaterial> attached = new ArrayList<>(materials.ofCase(c.id()));
        autoAttachLicences(c, guide, attached);
        checkMaterials(guide, attached, true);
        LocalDate today = LocalDate.now(clock);
        String caseNumber = caseNumber(guide.regionCode(), today, cases.nextCaseSequence());
        for (CaseMaterial m : attached) {
            if ("LICENCE".equals(m.source())) {
                peers.recordLicenceUse(m.licenceId(), caseNumber, guide.departmentCode(), guide.code());
            }
        }
        Map<String, Object> changes = new LinkedHashMap<>(guideColumns(guide));
        changes.putAll(cols("case_number", caseNumber, "query_code", queryCode(), "submission_key", idempotencyKey,
                "submitted_at", clock.instant()));
        cases.route(c, guide.departmentCode()); // before the audit append: every lock of the act in one order
        ApplicationCase submitted = transitions.apply(Act.of(c, null, CaseAction.SUBMIT, CaseStateMachine.afterSubmit(guide.preReviewed()),
                "submitted").changes(changes));
        return new Submitted(receipt(submitted), true);
    }

    public record Submitted(Receipt receipt, boolean created) {
    }

    public Receipt receipt(ApplicationCase c) {
        return new Receipt(c.caseNumber(), c.queryCode(), c.status(), c.submittedAt() == null ? null
                : c.submittedAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime(), c.itemCode(), c.itemVersion(),
                c.itemName(), c.departmentName(), c.promisedValue(), c.promisedUnit());
    }

    /** Licence materials the applicant did not attach are taken from their licence library when it holds one (once-only). */
    private void autoAttachLicences(ApplicationCase c, ItemGuide guide, List<CaseMaterial> attached) {
        List<ItemGuide.Material> open = guide.materials().stream()
                .filter(m -> "LICENCE".equals(m.source()) && m.licenceTypeCode() != null)
                .filter(m -> attached.stream().noneMatch(a -> a.materialCode().equals(m.code()))).toList();
        if (open.isEmpty()) {
            return;
        }
        List<LicenceClient.Match> found = peers.licenceMatches(open.stream().map(ItemGuide.Material::licenceTypeCode).distinct().toList());
        for (ItemGuide.Material m : open) {
            found.stream().filter(l -> m.licenceTypeCode().equals(l.typeCode())).findFirst().ifPresent(l -> {
                long mid = materials.insert(new CaseMaterial(0, c.id(), m.code(), "LICENCE", null, null, null, null, null, l.licenceId(),
                        l.typeCode(), l.name()));
                attached.add(materials.find(c.id(), mid).orElseThrow());
            });
        }
    }

    /**
     * Every required material of the guide is there (uploads also match the guide's size and type limits; SHARED materials
     * the department fetches itself), and nothing is attached that the guide does not ask for.
     *
     * @return the codes of required materials that are missing (only when {@code strict} is false)
     */
    public static List<String> checkMaterials(ItemGuide guide, List<CaseMaterial> attached, boolean strict) {
        List<Map<String, String>> errors = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CaseMaterial a : attached) {
            ItemGuide.Material m = guide.material(a.materialCode()).orElse(null);
            if (m == null) {
                errors.add(Map.of("field", "materials." + a.materialCode(), "message", "is not a material of this item version"));
            } else if ("UPLOAD".equals(a.source()) && m.maxSizeMb() != null && a.sizeBytes() != null
                    && a.sizeBytes() > m.maxSizeMb() * 1024L * 1024L) {
                errors.add(Map.of("field", "materials." + a.materialCode(), "message", "is larger than " + m.maxSizeMb() + " MB"));
            } else if ("UPLOAD".equals(a.source()) && !m.mediaTypes().isEmpty() && !m.mediaTypes().contains(a.mediaType())) {
                errors.add(Map.of("field", "materials." + a.materialCode(), "message", "must be one of " + m.mediaTypes()));
            }
        }
        for (ItemGuide.Material m : guide.materials()) {
            if (!m.isRequired() || "SHARED".equals(m.source())) {
                continue;
            }
            long have = attached.stream().filter(a -> a.materialCode().equals(m.code())).count();
            // "copies" counts paper copies at a window; online, one file or licence of the material is the material
            if (have < 1) {
                missing.add(m.code());
                errors.add(Map.of("field", "materials." + m.code(), "message", "is required (" + m.name() + ")"));
            }
        }
        if (strict && !errors.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, MATERIALS_MISSING,
                    "The application does not have the materials its guide asks for", Map.of("errors", errors));
        }
        return missing;
    }

    public static Map<String, Object> guideColumns(ItemGuide g) {
        return cols("item_version", g.version(), "item_name", g.name(), "region_code", g.regionCode(), "department_code", g.departmentCode(),
                "department_name", g.departmentName(), "power_type", g.powerType(), "online_depth", g.onlineDepth(), "item_visits", g.visits(),
                "pre_review", g.preReviewed(), "promised_value", g.promisedLimit() == null ? null : g.promisedLimit().value(),
                "promised_unit", g.promisedLimit() == null ? null : g.promisedLimit().unit(),
                "guide_fee", g.fee() == null ? null : g.fee().amount(), "issues_licence_type", g.issuesLicenceType());
    }

    public static ApplicationCase fromGuide(ItemGuide g, Channel channel, CaseStatus status, String holderType, String holderRef, String agentRef,
                                            String applicantName, String contactPhone, String createdBy, String formJson, String externalClient,
                                            String externalId) {
        return fromGuide(g, null, channel, status, holderType, holderRef, agentRef, applicantName, contactPhone, createdBy, formJson,
                externalClient, externalId);
    }

    /** @param bundleCode the bundle (一件事) the case applies for, {@code g} then being its combined guide; null for one item */
    public static ApplicationCase fromGuide(ItemGuide g, String bundleCode, Channel channel, CaseStatus status, String holderType, String holderRef,
                                            String agentRef, String applicantName, String contactPhone, String createdBy, String formJson,
                                            String externalClient, String externalId) {
        return new ApplicationCase(0, null, null, g.code(), g.version(), g.name(), bundleCode, g.regionCode(), g.departmentCode(), g.departmentName(),
                g.powerType(), g.onlineDepth(), g.visits(), g.preReviewed(), g.promisedLimit() == null ? null : g.promisedLimit().value(),
                g.promisedLimit() == null ? null : g.promisedLimit().unit(), g.fee() == null ? null : g.fee().amount(), g.issuesLicenceType(),
                channel, status, null, holderType, holderRef, agentRef, applicantName, contactPhone, createdBy, formJson, null, externalClient,
                externalId, null, null, null, null, null, null, 0, null, null, 0, 0, 0, null, false, null, null, null, null, null, 0);
    }

    /** {region}{yyyyMMdd}{sequence, at least 8 digits}: unique because the sequence is; a gap is a rolled-back submission. */
    public static String caseNumber(String regionCode, LocalDate day, long sequence) {
        return regionCode + day.format(DAY) + String.format("%08d", sequence);
    }

    public static String queryCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(QUERY_CODE_ALPHABET.charAt(RANDOM.nextInt(QUERY_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    public static void requireIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_REQUIRED",
                    "Send an Idempotency-Key header (a fresh UUID per submission) so a retry cannot file the case twice");
        }
        if (key.length() > 100 || !key.matches("[A-Za-z0-9._:-]+")) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Idempotency-Key must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
    }

    private void checkRealNameLevel(ItemGuide guide) {
        String required = guide.realNameLevel();
        if (!"L1".equals(required)) {
            String actual = peers.realNameLevel();
            if (actual.compareTo(required) < 0) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "REAL_NAME_LEVEL_TOO_LOW",
                        "This item needs real-name authentication level " + required + "; yours is " + actual,
                        Map.of("required", required, "actual", actual));
            }
        }
    }

    static void checkServiceObject(ItemGuide guide, String holderType) {
        if (!guide.serviceObjects().isEmpty() && !guide.serviceObjects().contains(holderType)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "SERVICE_OBJECT_MISMATCH",
                    "This item serves " + guide.serviceObjects() + ", not " + holderType);
        }
    }

    private ApplicationCase editable(long id, CurrentUser u) {
        ApplicationCase c = scope.holder(u, cases.lock(id).orElse(null));
        if (c.status() != CaseStatus.DRAFT && c.status() != CaseStatus.CORRECTION_REQUIRED) {
            throw new ProblemException(HttpStatus.CONFLICT, CaseStateMachine.ILLEGAL_TRANSITION,
                    "A case in state " + c.status() + " cannot be edited", Map.of("currentStatus", c.status().name()));
        }
        return c;
    }

    private void touch(ApplicationCase c) {
        if (!cases.update(c, Map.of())) {
            throw CaseTransitions.conflict(c);
        }
    }

    private static void requireApplicant(CurrentUser u) {
        if (!u.hasRole("applicant") || u.holderRef() == null || u.holderType() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "Only applicants with a holder in their token apply online");
        }
    }

    private static String checkedMediaType(MultipartFile file, ItemGuide.Material material) {
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED, "The upload could not be read");
        }
        String declared = file.getContentType() == null ? null : file.getContentType().split(";")[0].strip().toLowerCase();
        String sniffed = MediaTypeSniffer.sniff(head);
        String effective = sniffed != null && !"application/zip".equals(sniffed) ? sniffed : declared;
        boolean lies = sniffed != null && !"application/zip".equals(sniffed) && declared != null && !declared.equals(sniffed)
                && !"application/octet-stream".equals(declared);
        if (lies || effective == null || (!material.mediaTypes().isEmpty() && !material.mediaTypes().contains(effective))) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "MATERIAL_TYPE_NOT_ALLOWED",
                    "Material " + material.code() + " must be one of " + material.mediaTypes() + (lies ? " (the content is " + sniffed + ")" : ""),
                    Map.of("allowed", material.mediaTypes()));
        }
        return effective;
    }

    private static ProblemException tooLarge(String materialCode, long maxBytes) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "MATERIAL_TOO_LARGE",
                "Material " + materialCode + " may be at most " + (maxBytes / 1024 / 1024) + " MB", Map.of("maxBytes", maxBytes));
    }

    private static ProblemException unknownMaterial(String code) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "UNKNOWN_MATERIAL", "This item version asks for no material " + code,
                Map.of("materialCode", Objects.toString(code)));
    }
}
