package cn.onehall.license.licence;

import org.springframework.stereotype.Component;

import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.Masking;
import cn.onehall.starter.security.CurrentUser;

/** Holder (持证主体) rules: NATURAL_PERSON by ID number, LEGAL_PERSON by credit code; index and masks. */
@Component
public class Holders {

    public static final String NATURAL_PERSON = "NATURAL_PERSON";
    public static final String LEGAL_PERSON = "LEGAL_PERSON";

    private final BlindIndex index;

    Holders(BlindIndex index) {
        this.index = index;
    }

    /** The normalised holder ref, or null when it is not a valid ref of that type. */
    public static String normalise(String holderType, String holderRef) {
        if (holderRef == null) {
            return null;
        }
        if (NATURAL_PERSON.equals(holderType)) {
            String ref = IdNumber.normalise(holderRef);
            return IdNumber.isValid(ref) ? ref : null;
        }
        if (LEGAL_PERSON.equals(holderType)) {
            String ref = CreditCode.normalise(holderRef);
            return CreditCode.isValid(ref) ? ref : null;
        }
        return null;
    }

    public String index(String holderType, String holderRef) {
        return index.of(holderType + ":" + holderRef, "licence.holder");
    }

    /** Enterprises' credit codes are public; ID numbers are masked. */
    public static String mask(String holderType, String holderRef) {
        return NATURAL_PERSON.equals(holderType) ? Masking.idNumber(holderRef) : holderRef;
    }

    public static String display(String holderType, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return NATURAL_PERSON.equals(holderType) ? Masking.name(name) : name;
    }

    /** The holder the caller acts for (an agent acts for the enterprise in holder_ref), or null. */
    public String callerIndex(CurrentUser user) {
        String ref = normalise(user.holderType(), user.holderRef());
        return ref == null ? null : index(user.holderType(), ref);
    }

    public boolean isHolder(CurrentUser user, Licence licence) {
        String caller = callerIndex(user);
        return caller != null && caller.equals(licence.holderIndex());
    }

    /** Staff who may see and manage the licence: platform admins, licence admins of its region (or above), officers of its issuer. */
    public static boolean isStaffFor(CurrentUser user, Licence licence) {
        if (user.hasRole("platform-admin")) {
            return true;
        }
        if (user.hasRole("license-admin") && user.region() != null && licence.regionCode().startsWith(regionPrefix(user.region()))) {
            return true;
        }
        return user.hasRole("officer") && licence.issuerCode().equals(user.department());
    }

    /** 440700 → 4407, 440000 → 44, 440781 → 440781: the prefix of the regions below a region code. */
    public static String regionPrefix(String region) {
        String r = region;
        while (r.length() > 2 && r.endsWith("00")) {
            r = r.substring(0, r.length() - 2);
        }
        return r;
    }
}
