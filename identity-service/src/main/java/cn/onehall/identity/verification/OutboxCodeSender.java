package cn.onehall.identity.verification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.PersonalDataCipher;

/**
 * The default sender: the message waits in {@code code_outbox}, recipient and body encrypted, found by the phone's
 * blind index. A delivery worker (SMS gateway), the in-app inbox and the tests read it from there.
 */
@Component
class OutboxCodeSender implements CodeSender {

    static final String RECIPIENT = "code_outbox.recipient";
    static final String BODY = "code_outbox.body";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final BlindIndex index;

    OutboxCodeSender(JdbcClient jdbc, PersonalDataCipher cipher, BlindIndex index) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public void send(String phone, String message) {
        jdbc.sql("INSERT INTO code_outbox (channel, recipient_index, recipient_enc, body_enc) VALUES ('SMS', ?, ?, ?)")
                .params(index.of(phone, VerificationCodes.PHONE_PURPOSE), cipher.encrypt(phone, RECIPIENT), cipher.encrypt(message, BODY))
                .update();
    }
}
