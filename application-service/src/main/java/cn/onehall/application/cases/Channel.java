package cn.onehall.application.cases;

/** 申请渠道: how a case reached the hall; the online rates are counted over all of them. */
public enum Channel {
    ONLINE_WEB, ONLINE_MOBILE, WINDOW, SELF_SERVICE, IMPORTED;

    public boolean online() {
        return this == ONLINE_WEB || this == ONLINE_MOBILE;
    }
}
