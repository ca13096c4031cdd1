package cn.onehall.license.licence;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.license.signing.SigningKeys;
import cn.onehall.license.type.LicenceType;
import cn.onehall.license.type.LicenceTypes;
import cn.onehall.starter.codes.LicenceIdentifier;
import cn.onehall.starter.codes.RegionCode;
import cn.onehall.starter.events.EventPublisher;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/** Issues licences (signed, numbered, announced) and moves them through their lifecycle. */
@Service
public class LicenceService {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford base32, lower case: no i, l, o, u; easy to read aloud and to type. */
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

    private final LicenceRepository licences;
    private final LicenceTypes types;
    private final SigningKeys keys;
    private final Holders holders;
    private final EventPublisher events;
    private final Clock clock;

    LicenceService(LicenceRepository licences, LicenceTypes types, SigningKeys keys, Holders holders, EventPublisher events,
                   Optional<Clock> clock) {
        this.licences = licences;
        this.types = types;
        this.keys = keys;
        this.holders = holders;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** Every reason the command cannot be issued; empty when it can. Nothing is written. */
    public List<FieldError> validate(IssueCommand c, Integer row) {
        List<FieldError> errors = new ArrayList<>();
        Optional<LicenceType> type = types.find(c.typeCode());
        if (type.isEmpty()) {
            errors.add(new FieldError(row, "typeCode", "unknown licence type"));
            return errors;
        }
        LicenceType t = type.get();
        if (!t.holderType().equals(c.holderType())) {
            errors.add(new FieldError(row, "holderType", "licences of this type are held by " + t.holderType()));
        } else if (Holders.normalise(c.holderType(), c.holderRef()) == null) {
            errors.add(new FieldError(row, "holderRef", Holders.NATURAL_PERSON.equals(c.holderType())
                    ? "not a valid ID number (公民身份号码)" : "not a valid credit code (统一社会信用代码)"));
        }
        Map<String, String> data = c.data() == null ? Map.of() : c.data();
        boolean fromCase = "CASE".equals(c.source());
        for (LicenceType.FieldSpec f : t.fields()) {
            String v = data.get(f.name());
            if (v == null || v.isBlank()) {
                // A case event is thin (no form fields): its licence records the case instead, see the ADR.
                if (f.required() && !fromCase) {
                    errors.add(new FieldError(row, "data." + f.name(), f.label() + " is required"));
                }
                continue;
            }
            if (v.length() > 500) {
                errors.add(new FieldError(row, "data." + f.name(), "at most 500 characters"));
            }
            if ("DATE".equals(f.type())) {
                try {
                    LocalDate.parse(v);
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(row, "data." + f.name(), "must be a date like 2026-10-08"));
                }
            }
        }
        Set<String> known = new java.util.HashSet<>(t.fields().stream().map(LicenceType.FieldSpec::name).toList());
        if (fromCase) {
            known.addAll(List.of("caseNumber", "itemCode", "itemVersion"));
        }
        data.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(row, "data." + k, "is not a field of this licence type")));
        if (c.validFrom() != null && c.validFrom().isAfter(today().plusYears(1))) {
            errors.add(new FieldError(row, "validFrom", "more than a year ahead"));
        }
        if (c.validFrom() != null && c.validUntil() != null && c.validUntil().isBefore(c.validFrom())) {
            errors.add(new FieldError(row, "validUntil", "before validFrom"));
        }
        if (c.paperNumber() != null && (c.paperNumber().isBlank() || c.paperNumber().length() > 60)) {
            errors.add(new FieldError(row, "paperNumber", "1 to 60 characters"));
        }
        if (c.regionCode() != null && !RegionCode.isValid(c.regionCode())) {
            errors.add(new FieldError(row, "regionCode", "not a GB/T 2260 region code"));
        }
        return errors;
    }

    /** Issues one licence; the caller's transaction (or a new one) holds the licence, its history and its event. */
    @Transactional
    public Licence issue(IssueCommand c, String actor) {
        List<FieldError> errors = validate(c, null);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return write(c, types.get(c.typeCode()), null, actor);
    }

    static ProblemException invalid(List<FieldError> errors) {
        List<Map<String, String>> list = errors.stream().map(e -> {
            Map<String, String> m = new LinkedHashMap<>();
            if (e.row() != null) {
                m.put("row", e.row().toString());
            }
            m.put("field", e.field());
            m.put("message", e.message());
            return m;
        }).toList();
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid", Map.of("errors", list));
    }

    /** @param previous the version this one replaces (re-issue), or null for a new licence */
    private Licence write(IssueCommand c, LicenceType type, Licence previous, String actor) {
        String ref = Holders.normalise(c.holderType(), c.holderRef());
        LocalDate from = c.validFrom() == null ? today() : c.validFrom();
        LocalDate until = c.validUntil() != null ? c.validUntil() : type.validUntil(from, ref);
        String serial = previous == null ? licences.nextSerial(type.code(), from.getYear()) : previous.serial();
        int version = previous == null ? 1 : previous.version() + 1;
        LicenceIdentifier identifier = LicenceIdentifier.of(type.code(), type.departmentCode(), serial, version);
        Map<String, String> data = new java.util.TreeMap<>(c.data() == null ? Map.of() : c.data());
        byte[] content = CanonicalContent.of(identifier.toString(), type.code(), type.departmentCode(), c.holderType(), ref, data, from, until);
        SigningKeys.Signature sig = keys.sign(type.departmentCode(), content);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Licence draft = new Licence(0, randomId(), identifier.toString(), type.code(), type.departmentCode(), serial, version,
                c.regionCode() == null ? type.regionCode() : c.regionCode(), c.holderType(), ref, holders.index(c.holderType(), ref),
                Holders.mask(c.holderType(), ref), Holders.display(c.holderType(), data.get("name")), data, from, until,
                LicenceStatus.VALID, null, previous == null ? c.source() : "REISSUE", c.caseNumber(), c.paperNumber(),
                randomCode(), sig.keyId(), Base64.getEncoder().encodeToString(sig.der()), now, now);
        long id = licences.insert(draft);
        Licence l = licences.byPublicId(draft.publicId()).orElseThrow();
        licences.recordEvent(l, previous == null ? "ISSUED" : "REISSUED", LicenceStatus.VALID, null, actor);
        announce("cn.onehall.license.issued", l, type);
        return l;
    }

    /**
     * The licence of an approved case: exactly one per case number, however often the event comes and however many
     * consumers race for it (the unique case number decides; the loser sees the winner's licence).
     */
    @Transactional
    public Optional<Licence> issueForCase(IssueCommand c) {
        // A plain read first: a locking read of a missing row would take a gap lock, and two racing consumers would deadlock.
        if (licences.byCase(c.caseNumber(), false).isPresent()) {
            return Optional.empty();
        }
        List<FieldError> errors = validate(c, null);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("case " + c.caseNumber() + " cannot issue its licence: "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList());
        }
        try {
            return Optional.of(write(c, types.get(c.typeCode()), null, "case:" + c.caseNumber()));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another consumer committed the case's licence while we signed ours: InnoDB undid only our INSERT, nothing of
            // ours was announced, and the locking read sees the winner's row.
            if (licences.byCase(c.caseNumber(), true).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Transactional
    public Licence suspend(String publicId, String reason, String actor) {
        return transition(publicId, Set.of(LicenceStatus.VALID), LicenceStatus.SUSPENDED, "SUSPENDED", reason, actor,
                "cn.onehall.license.suspended");
    }

    @Transactional
    public Licence resume(String publicId, String reason, String actor) {
        return transition(publicId, Set.of(LicenceStatus.SUSPENDED), LicenceStatus.VALID, "RESUMED", reason, actor,
                "cn.onehall.license.resumed");
    }

    @Transactional
    public Licence revoke(String publicId, String reason, String actor) {
        return transition(publicId, Set.of(LicenceStatus.VALID, LicenceStatus.SUSPENDED), LicenceStatus.REVOKED, "REVOKED", reason, actor,
                "cn.onehall.license.revoked");
    }

    /** A new version with the next version number (and check character); the old one becomes SUPERSEDED. */
    @Transactional
    public Licence reissue(String publicId, Map<String, String> data, LocalDate validUntil, String reason, String actor) {
        Licence old = locked(publicId);
        if (!Set.of(LicenceStatus.VALID, LicenceStatus.SUSPENDED, LicenceStatus.EXPIRED).contains(old.status())) {
            throw ProblemException.conflict(ILLEGAL_TRANSITION, "a " + old.status() + " licence cannot be re-issued");
        }
        LicenceType type = types.get(old.typeCode());
        IssueCommand c = new IssueCommand(old.typeCode(), old.holderType(), old.holderRef(), data == null ? old.data() : data,
                today(), validUntil, null, old.paperNumber(), old.regionCode(), "REISSUE");
        // Unchanged fields were valid when issued (a case licence holds the case reference, not the type's fields).
        List<FieldError> errors = data == null ? new ArrayList<>() : validate(c, null);
        if (validUntil != null && validUntil.isBefore(c.validFrom())) {
            errors.add(new FieldError(null, "validUntil", "before today, the first day of the new version"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        if (old.version() >= 999) {
            throw ProblemException.conflict(ILLEGAL_TRANSITION, "the identifier allows at most 999 versions");
        }
        licences.setStatus(old.id(), LicenceStatus.SUPERSEDED, reason);
        licences.recordEvent(old, "SUPERSEDED", LicenceStatus.SUPERSEDED, reason, actor);
        announce("cn.onehall.license.superseded", licences.byPublicId(publicId).orElseThrow(), type);
        return write(c, type, old, actor);
    }

    /** Expires what is past its last day; returns how many. Runs in batches so one run never holds many locks long. */
    @Transactional
    public int expireDue(int limit) {
        List<Licence> due = licences.dueToExpire(today(), limit);
        for (Licence l : due) {
            licences.setStatus(l.id(), LicenceStatus.EXPIRED, "valid until " + l.validUntil());
            licences.recordEvent(l, "EXPIRED", LicenceStatus.EXPIRED, null, "schedule");
            announce("cn.onehall.license.expired", licences.byPublicId(l.publicId()).orElseThrow(), types.get(l.typeCode()));
        }
        return due.size();
    }

    private Licence transition(String publicId, Set<LicenceStatus> from, LicenceStatus to, String action, String reason, String actor,
                               String eventType) {
        Licence l = locked(publicId);
        if (!from.contains(l.status())) {
            throw ProblemException.conflict(ILLEGAL_TRANSITION, "a " + l.status() + " licence cannot be " + action.toLowerCase());
        }
        licences.setStatus(l.id(), to, reason);
        licences.recordEvent(l, action, to, reason, actor);
        Licence changed = licences.byPublicId(publicId).orElseThrow();
        announce(eventType, changed, types.get(l.typeCode()));
        return changed;
    }

    private Licence locked(String publicId) {
        return licences.byPublicIdForUpdate(publicId).orElseThrow(() -> ProblemException.notFound("licence"));
    }

    private void announce(String type, Licence l, LicenceType t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("licenceId", l.publicId());
        data.put("identifier", l.identifier());
        data.put("typeCode", l.typeCode());
        data.put("typeName", t.name());
        data.put("holderType", l.holderType());
        data.put("caseNumber", l.caseNumber());
        data.put("regionCode", l.regionCode());
        data.put("departmentCode", l.issuerCode());
        data.put("issuedAt", l.issuedAt().atOffset(java.time.ZoneOffset.UTC).toString());
        data.put("validUntil", l.validUntil() == null ? null : l.validUntil().toString());
        data.put("status", l.status().name());
        events.publish(type, l.publicId(), data);
    }

    static String randomId() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(26);
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        for (int i = 0; i < 26; i++) {
            sb.append(ID_ALPHABET[n.intValue() & 31]);
            n = n.shiftRight(5);
        }
        return sb.toString();
    }

    static String randomCode() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }
}
