package cn.onehall.starter.codes;

/**
 * 行政区划代码: GB/T 2260 six digits for province ({@code 440000}), city ({@code 440700}) and county ({@code 440781});
 * GB/T 10114 adds three for a town ({@code 440781001}) and the statistics code three more for a village
 * ({@code 440781001001}). Each region has one form: the zero-padded 12-digit forms of higher levels are not accepted.
 * <p>
 * Ancestry is read from the code's structure. That is exact for province and city parts, but the structural parent may
 * be a placeholder with no row of its own (e.g. {@code 110100} 市辖区, {@code 429000} 省直辖县级行政区划).
 */
public final class RegionCode {

    public enum Level { PROVINCE, CITY, COUNTY, TOWN, VILLAGE }

    private RegionCode() {
    }

    public static boolean isValid(String code) {
        return levelOrNull(code) != null;
    }

    /** The level of a valid code; IllegalArgumentException otherwise. */
    public static Level level(String code) {
        Level level = levelOrNull(code);
        if (level == null) {
            throw new IllegalArgumentException("not a valid region code (行政区划代码): " + code);
        }
        return level;
    }

    /** The code one level up, or null for a province. */
    public static String parent(String code) {
        return switch (level(code)) {
            case PROVINCE -> null;
            case CITY -> code.substring(0, 2) + "0000";
            case COUNTY -> code.substring(0, 4) + "00";
            case TOWN -> code.substring(0, 6);
            case VILLAGE -> code.substring(0, 9);
        };
    }

    /**
     * Whether {@code descendant} is {@code ancestor} or lies under it; a region contains itself, as a data scope must.
     * False when either code is invalid, so a bad code never widens a scope.
     */
    public static boolean contains(String ancestor, String descendant) {
        if (!isValid(ancestor) || !isValid(descendant)) {
            return false;
        }
        return descendant.startsWith(subtreePrefix(ancestor));
    }

    /**
     * The prefix shared by every code in the region's subtree and by no other, for queries such as
     * {@code region_code LIKE '4407%'}: {@code 44} for 440000, {@code 4407} for 440700, the whole code below city level.
     */
    public static String subtreePrefix(String code) {
        return switch (level(code)) {
            case PROVINCE -> code.substring(0, 2);
            case CITY -> code.substring(0, 4);
            case COUNTY, TOWN, VILLAGE -> code;
        };
    }

    private static Level levelOrNull(String code) {
        if (code == null || !(code.length() == 6 || code.length() == 9 || code.length() == 12)
                || !IdNumber.allDigits(code)) {
            return null;
        }
        if (code.charAt(0) == '0') {
            return null;
        }
        boolean cityZero = code.startsWith("00", 2);
        boolean countyZero = code.startsWith("00", 4);
        if (cityZero && !countyZero) {
            // Counties directly under a province are numbered under city part 90, never 00.
            return null;
        }
        if (code.length() == 6) {
            return cityZero ? Level.PROVINCE : countyZero ? Level.CITY : Level.COUNTY;
        }
        // A town's parent is a county, or a city without counties (东莞 441900, 中山 442000), never a province.
        if (cityZero || code.startsWith("000", 6)) {
            return null;
        }
        if (code.length() == 9) {
            return Level.TOWN;
        }
        return code.startsWith("000", 9) ? null : Level.VILLAGE;
    }
}
