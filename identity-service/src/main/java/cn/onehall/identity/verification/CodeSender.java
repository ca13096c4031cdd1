package cn.onehall.identity.verification;

/**
 * Delivers a one-time code. The default ({@link OutboxCodeSender}) keeps the message in the {@code code_outbox} table;
 * an SMS or e-mail provider is another bean of this type, chosen by {@code onehall.identity.code-sender}.
 */
public interface CodeSender {

    /** The bean name {@code onehall.identity.code-sender} selects. */
    String name();

    /** Runs inside the transaction that stores the code: a failure here leaves no code behind. */
    void send(String phone, String message);
}
