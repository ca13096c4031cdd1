package cn.onehall.starter.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The smallest service that both publishes and consumes its own events ({@code spring.application.name=events-test}). */
@SpringBootConfiguration
@EnableAutoConfiguration
class EventsTestApp {

    static final String SERVICE = "events-test";

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    /** Counts every call (not only committed ones), so a second handling of an event shows up as 2. */
    static class RecordingHandler implements EventHandler {

        static final String POISON = "test.poison";

        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<String, CloudEvent> received = new ConcurrentHashMap<>();

        @Override
        public String stream() {
            return SERVICE;
        }

        @Override
        public boolean supports(String type) {
            return type.startsWith("test.");
        }

        @Override
        public void handle(CloudEvent event) {
            calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            received.put(event.id(), event);
            if (POISON.equals(event.type())) {
                throw new IllegalStateException("poison event " + event.id() + " always fails");
            }
        }

        int calls(String eventId) {
            AtomicInteger n = calls.get(eventId);
            return n == null ? 0 : n.get();
        }

        CloudEvent received(String eventId) {
            return received.get(eventId);
        }
    }
}
