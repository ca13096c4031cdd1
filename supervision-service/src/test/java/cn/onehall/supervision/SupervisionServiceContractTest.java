package cn.onehall.supervision;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.ServiceContractTest;

/** The shared service contract, run against supervision-service with the real MariaDB, Redis and Keycloak. */
class SupervisionServiceContractTest extends ServiceContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        realInfrastructure(registry, "supervision-service");
        // Its own streams: this context's consumers must not take the events the other test classes put on the streams.
        registry.add("onehall.events.stream-prefix", () -> cn.onehall.starter.testsupport.TestSchema.EVENT_STREAM_PREFIX + "contract:");
    }
}
