package cn.onehall.starter.calendar;

/** The two kinds of exception to the Monday–Friday week: 放假 and 调休上班. */
public enum DayKind {
    /** 法定节假日（含调休放假）: no work even on a weekday. */
    DAY_OFF,
    /** 调休上班: a weekend day worked in exchange for a day off. */
    MAKE_UP_WORKING_DAY
}
