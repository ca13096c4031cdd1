package cn.onehall.catalog.item;

import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.Mod37_36;
import cn.onehall.starter.codes.RegionCode;

/**
 * The catalogue's code rule (同一事项、同一标准、同一编码), in one place.
 *
 * <p>Basic code (基本编码), 10 digits: the power type's two digits ({@link PowerType#code()}), a 6-digit item number
 * and a 2-digit sub-item number, e.g. {@code 0100012300}. It is the same wherever the item is implemented.
 *
 * <p>Implementation code (实施编码): basic code + the region's GB/T 2260 code (6, 9 or 12 digits, as the region has
 * it) + the implementing department's unified social credit code (18) + one ISO 7064 MOD 37,36 check character over
 * all of that. The fixed-length parts at both ends make the region in the middle unambiguous; the check character
 * catches a mistyped code before it reaches the database.
 */
public final class ItemCodes {

    public record Parts(String basicCode, String regionCode, String departmentCode) {
    }

    private ItemCodes() {
    }

    public static boolean isValidBasicCode(String code) {
        return code != null && code.length() == 10 && code.chars().allMatch(c -> c >= '0' && c <= '9')
                && PowerType.ofCode(code.substring(0, 2)) != null && !code.startsWith("000000", 2);
    }

    public static PowerType powerTypeOf(String basicCode) {
        return isValidBasicCode(basicCode) ? PowerType.ofCode(basicCode.substring(0, 2)) : null;
    }

    public static String implementationCode(String basicCode, String regionCode, String departmentCode) {
        if (!isValidBasicCode(basicCode) || !RegionCode.isValid(regionCode) || !CreditCode.isValid(departmentCode)) {
            throw new IllegalArgumentException("cannot build an implementation code from " + basicCode + ", " + regionCode + ", " + departmentCode);
        }
        String body = basicCode + regionCode + departmentCode.toUpperCase(java.util.Locale.ROOT);
        return body + Mod37_36.compute(body);
    }

    /** The parts of a valid implementation code, or null when it is malformed or its check character is wrong. */
    public static Parts parse(String code) {
        if (code == null || !(code.length() == 35 || code.length() == 38 || code.length() == 41) || !Mod37_36.verify(code)) {
            return null;
        }
        String basic = code.substring(0, 10);
        String region = code.substring(10, code.length() - 19);
        String department = code.substring(code.length() - 19, code.length() - 1);
        if (!isValidBasicCode(basic) || !RegionCode.isValid(region) || !CreditCode.isValid(department)) {
            return null;
        }
        return new Parts(basic, region, department);
    }

    public static boolean isValidImplementationCode(String code) {
        return parse(code) != null;
    }

    /** 证照类型代码: the issuing department's credit code and three digits. */
    public static boolean isValidLicenceTypeCode(String code) {
        return code != null && code.length() == 21 && CreditCode.isValid(code.substring(0, 18))
                && code.substring(18).chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
