package cn.onehall.gateway.routing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A gateway started by the test with every route pointed at one {@link StubService}, shared by all such tests. */
abstract class StubbedGatewayTest {

    static final StubService STUB = new StubService();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(STUB::close));
    }

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void routesToTheStub(DynamicPropertyRegistry registry) {
        GatewayTestSupport.routeEverythingTo(registry, STUB);
    }

    int port() {
        return Integer.parseInt(environment.getProperty("local.server.port"));
    }
}
