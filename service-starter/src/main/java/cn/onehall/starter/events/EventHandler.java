package cn.onehall.starter.events;

/**
 * A consumer of another (or the same) service's events; declare it as a bean.
 *
 * <p>{@link #handle} runs inside a database transaction that also records the event id as processed for this service,
 * so its database effects happen exactly once. It is retried (up to {@code onehall.events.max-deliveries}) when it
 * throws, then the event goes to the dead-letter stream. Effects outside the database (REST calls, mail) are
 * at-least-once: make them idempotent.
 */
public interface EventHandler {

    /** The producing service, e.g. {@code application-service}: its stream is {@code onehall:events:<stream>}. */
    String stream();

    boolean supports(String type);

    void handle(CloudEvent event);
}
