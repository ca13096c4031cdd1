package cn.onehall.supervision.card;

/** What a card is raised for; {@code rule} in the card events is the enum name. */
public enum CardRule {
    /** 80 % of the promised working days used, or the threshold of working days left (per region). */
    TIME_NEARLY_DUE("YELLOW", "TIME"),
    /** Not decided by the due date. */
    TIME_OVERDUE("RED", "TIME"),
    /** More than one correction notice on a case: the one-time notice (一次性告知) was not one. */
    PROCESS_SECOND_CORRECTION("YELLOW", "PROCESS"),
    /** Accepted (or still not accepted) later than the allowed working days after submission. */
    PROCESS_LATE_ACCEPTANCE("YELLOW", "PROCESS"),
    /** A bad evaluation (不满意/非常不满意) not rectified by its deadline. */
    PROCESS_BAD_REVIEW_NOT_RECTIFIED("RED", "PROCESS"),
    /** A fee charged above the guide's fee. */
    CONTENT_FEE_ABOVE_GUIDE("RED", "CONTENT"),
    /** A decision recorded without a required material. */
    CONTENT_MISSING_REQUIRED_MATERIAL("RED", "CONTENT"),
    /** A complaint the department did not answer by its response deadline (subject = complaint number). */
    COMPLAINT_NOT_ANSWERED("RED", "PROCESS");

    private final String colour;
    private final String kind;

    CardRule(String colour, String kind) {
        this.colour = colour;
        this.kind = kind;
    }

    public String colour() {
        return colour;
    }

    public String kind() {
        return kind;
    }
}
