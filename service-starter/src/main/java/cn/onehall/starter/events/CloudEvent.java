package cn.onehall.starter.events;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in JSON structured mode, plus the W3C {@code traceparent} extension.
 * Events are thin: {@code data} holds ids, codes, a new status; a consumer that needs more asks the producer by REST.
 * Read {@code data} with the Boot {@code JsonMapper}: {@code jsonMapper.treeToValue(event.data(), CaseSubmitted.class)}.
 *
 * <p>All attribute names are single lower-case words, so a service's naming strategy cannot rename them; absent
 * optional attributes are left out rather than written as null, as the spec asks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true) // future extensions must not break older consumers
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        // a string whatever WRITE_DATES_AS_TIMESTAMPS a service sets: the spec wants RFC 3339
        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
