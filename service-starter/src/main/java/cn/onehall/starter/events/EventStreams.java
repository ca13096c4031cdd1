package cn.onehall.starter.events;

/** Names shared by producers and consumers: one stream per producing service, one dead-letter stream beside it. */
public final class EventStreams {

    /** The stream field that carries the CloudEvents JSON envelope. */
    public static final String EVENT_FIELD = "event";

    private EventStreams() {
    }

    /** {@code onehall:events:<service>}: everything the service publishes. */
    public static String key(String service) {
        return "onehall:events:" + service;
    }

    /** {@code onehall:events:<service>:dlq}: events of that stream that some consumer gave up on. */
    public static String deadLetterKey(String service) {
        return key(service) + ":dlq";
    }

    /** CloudEvents {@code source} of a service's events. */
    public static String source(String service) {
        return "/onehall/" + service;
    }
}
