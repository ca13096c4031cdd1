package cn.onehall.identity.page;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.security.CurrentUser;

/** Items a holder follows (我的订阅), filed under the blind index of the holder they act for. */
@Service
public class Subscriptions {

    private final JdbcClient jdbc;
    private final BlindIndex index;

    Subscriptions(JdbcClient jdbc, BlindIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    String key(CurrentUser user) {
        return index.of(user.holderRef() != null ? user.holderRef() : user.subject(), "subscriber");
    }

    public List<String> of(CurrentUser user) {
        return jdbc.sql("SELECT item_code FROM subscription WHERE subscriber_key = ? ORDER BY created_at DESC, item_code LIMIT 200")
                .param(key(user)).query(String.class).list();
    }

    public void add(CurrentUser user, String itemCode) {
        jdbc.sql("INSERT IGNORE INTO subscription (subscriber_key, item_code) VALUES (?, ?)").params(key(user), itemCode).update();
    }

    public void remove(CurrentUser user, String itemCode) {
        jdbc.sql("DELETE FROM subscription WHERE subscriber_key = ? AND item_code = ?").params(key(user), itemCode).update();
    }
}
