package cn.onehall.catalog.item;

/** 事项类型: the kind of power an item exercises; its two-digit code opens every basic code of that type. */
public enum PowerType {
    /** 行政许可 */
    LICENSING("01"),
    /** 行政征收 */
    LEVY("02"),
    /** 行政给付 */
    BENEFIT("03"),
    /** 行政确认 */
    CONFIRMATION("04"),
    /** 行政奖励 */
    REWARD("05"),
    /** 其他行政权力 */
    OTHER_POWER("06"),
    /** 公共服务 */
    PUBLIC_SERVICE("07");

    private final String code;

    PowerType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PowerType ofCode(String code) {
        for (PowerType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
