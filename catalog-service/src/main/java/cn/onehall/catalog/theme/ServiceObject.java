package cn.onehall.catalog.theme;

/** 服务对象: who an item serves. */
public enum ServiceObject {
    /** 自然人 */
    NATURAL_PERSON,
    /** 法人 */
    LEGAL_PERSON
}
