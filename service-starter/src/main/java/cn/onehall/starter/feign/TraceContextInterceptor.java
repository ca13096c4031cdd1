package cn.onehall.starter.feign;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Puts the current trace context ({@code traceparent}) on every Feign call, so one trace id follows a request across services. */
public class TraceContextInterceptor implements RequestInterceptor {

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContextInterceptor(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void apply(RequestTemplate template) {
        TraceContext context = tracer.currentTraceContext().context();
        if (context != null) {
            propagator.inject(context, template, (carrier, key, value) -> carrier.header(key, value));
        }
    }
}
