package cn.onehall.starter.audit;

/** How the audited action ended (结果). */
public enum Outcome { SUCCESS, DENIED, FAILED }
