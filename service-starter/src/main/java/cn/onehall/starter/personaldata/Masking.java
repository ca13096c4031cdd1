package cn.onehall.starter.personaldata;

/** How personal data is shown to callers who are not entitled to see it in full. */
public final class Masking {

    private Masking() {
    }

    /** 440781198803140029 → 440781********0029: the region stays readable, birth date and sequence do not. */
    public static String idNumber(String value) {
        return keep(value, 6, 4);
    }

    /** 13800138000 → 138****8000. */
    public static String phone(String value) {
        return keep(value, 3, 4);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***. */
    public static String name(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int first = value.offsetByCodePoints(0, 1);
        return value.substring(0, first) + "*".repeat(Math.max(1, value.codePointCount(0, value.length()) - 1));
    }

    private static String keep(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }
}
