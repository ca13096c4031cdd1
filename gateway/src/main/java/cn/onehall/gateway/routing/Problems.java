package cn.onehall.gateway.routing;

import java.nio.charset.StandardCharsets;

import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** RFC 9457 problems written by the gateway itself (401, 403, 429, 503), in the same shape the services use. */
public final class Problems {

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json(status, code, detail, exchange.getRequest().getPath().value()).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static String json(HttpStatus status, String code, String detail, String instance) {
        StringBuilder json = new StringBuilder(256)
                .append("{\"type\":\"https://onehall.cn/problems/").append(code.toLowerCase().replace('_', '-'))
                .append("\",\"title\":\"").append(status.getReasonPhrase())
                .append("\",\"status\":").append(status.value())
                .append(",\"detail\":\"").append(escape(detail))
                .append("\",\"instance\":\"").append(escape(instance))
                .append("\",\"code\":\"").append(code).append('"');
        String traceId = MDC.get("traceId");
        if (traceId != null) {
            json.append(",\"traceId\":\"").append(traceId).append('"');
        }
        return json.append('}').toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
