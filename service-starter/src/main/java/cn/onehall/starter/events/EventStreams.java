package cn.onehall.starter.events;

/** Names shared by producers and consumers: one stream per producing service, one dead-letter stream beside it. */
public final class EventStreams {

    /** The stream field that carries the CloudEvents JSON envelope. */
    public static final String EVENT_FIELD = "event";

    private EventStreams() {
    }

    /** The prefix of every stream key unless {@code onehall.events.stream-prefix} says otherwise. */
    public static final String DEFAULT_PREFIX = "onehall:events:";

    /** {@code onehall:events:<service>}: everything the service publishes. */
    public static String key(String service) {
        return key(DEFAULT_PREFIX, service);
    }

    /** {@code <prefix><service>}: everything the service publishes, under a configured prefix. */
    public static String key(String prefix, String service) {
        return prefix + service;
    }

    /** {@code onehall:events:<service>:dlq}: events of that stream that some consumer gave up on. */
    public static String deadLetterKey(String service) {
        return deadLetterKey(DEFAULT_PREFIX, service);
    }

    /** {@code <prefix><service>:dlq} under a configured prefix. */
    public static String deadLetterKey(String prefix, String service) {
        return key(prefix, service) + ":dlq";
    }

    /** CloudEvents {@code source} of a service's events. */
    public static String source(String service) {
        return "/onehall/" + service;
    }
}
