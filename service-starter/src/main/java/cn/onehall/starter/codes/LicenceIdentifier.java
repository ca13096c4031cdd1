package cn.onehall.starter.codes;

/**
 * 电子证照标识: {@code 1.2.156.3005.2.{licence type code}.{issuer credit code}.{serial}.{3-digit version}.{check}}, the
 * check character being ISO/IEC 7064 MOD 37,36 over type code + issuer + serial + version (as its three digits).
 * Parsing is strict about case, so each licence has exactly one string form.
 *
 * @param typeCode         licence type code (证照类型代码), upper-case letters and digits
 * @param issuerCreditCode credit code of the issuing department (颁发机构)
 * @param serial           serial number (证照顺序号), upper-case letters and digits
 * @param version          1–999; a re-issued licence gets the next version and a new check character
 * @param check            the MOD 37,36 check character
 */
public record LicenceIdentifier(String typeCode, String issuerCreditCode, String serial, int version, char check) {

    public static final String PREFIX = "1.2.156.3005.2.";

    public LicenceIdentifier {
        requireValidParts(typeCode, issuerCreditCode, serial, version);
        char expected = checkOf(typeCode, issuerCreditCode, serial, version);
        if (check != expected) {
            throw new IllegalArgumentException("wrong check character '" + check + "' in licence identifier, expected '"
                    + expected + "'");
        }
    }

    /** A new identifier, its check character computed. */
    public static LicenceIdentifier of(String typeCode, String issuerCreditCode, String serial, int version) {
        requireValidParts(typeCode, issuerCreditCode, serial, version);
        return new LicenceIdentifier(typeCode, issuerCreditCode, serial, version,
                checkOf(typeCode, issuerCreditCode, serial, version));
    }

    /** Parses the dotted form; any malformed part, including a wrong check character, is an IllegalArgumentException. */
    public static LicenceIdentifier parse(String identifier) {
        if (identifier == null) {
            throw new IllegalArgumentException("licence identifier is null");
        }
        if (!identifier.startsWith(PREFIX)) {
            throw new IllegalArgumentException("licence identifier must start with " + PREFIX + ": " + identifier);
        }
        String[] parts = identifier.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("licence identifier must have type code, issuer, serial, version and "
                    + "check character after " + PREFIX + ", got " + parts.length + " parts: " + identifier);
        }
        String versionPart = parts[3];
        if (versionPart.length() != 3 || !IdNumber.allDigits(versionPart)) {
            throw new IllegalArgumentException("licence version must be 3 digits, got '" + versionPart + "': "
                    + identifier);
        }
        if (parts[4].length() != 1) {
            throw new IllegalArgumentException("licence check must be one character, got '" + parts[4] + "': "
                    + identifier);
        }
        try {
            return new LicenceIdentifier(parts[0], parts[1], parts[2], Integer.parseInt(versionPart), parts[4].charAt(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + identifier, e);
        }
    }

    /** The identifier of a re-issue: same licence, new version, new check character. */
    public LicenceIdentifier withVersion(int newVersion) {
        return of(typeCode, issuerCreditCode, serial, newVersion);
    }

    @Override
    public String toString() {
        return PREFIX + typeCode + '.' + issuerCreditCode + '.' + serial + '.' + threeDigits(version) + '.' + check;
    }

    private static char checkOf(String typeCode, String issuerCreditCode, String serial, int version) {
        return Mod37_36.compute(typeCode + issuerCreditCode + serial + threeDigits(version));
    }

    private static String threeDigits(int version) {
        return String.format("%03d", version);
    }

    private static void requireValidParts(String typeCode, String issuerCreditCode, String serial, int version) {
        requireAlphanumeric("licence type code", typeCode);
        // Upper case only: the check character is computed over the characters as written.
        if (issuerCreditCode == null || !CreditCode.isValid(issuerCreditCode)
                || !issuerCreditCode.equals(CreditCode.normalise(issuerCreditCode))) {
            throw new IllegalArgumentException("issuer '" + issuerCreditCode
                    + "' is not a valid upper-case credit code (统一社会信用代码)");
        }
        requireAlphanumeric("serial", serial);
        if (version < 1 || version > 999) {
            throw new IllegalArgumentException("licence version must be 1–999, got " + version);
        }
    }

    private static void requireAlphanumeric(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (!Mod37_36.isAlphanumeric(value)) {
            throw new IllegalArgumentException(what + " '" + value + "' must be upper-case letters and digits only");
        }
    }
}
