package cn.onehall.identity;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.ServiceContractTest;

/** The shared service contract, run against identity-service with the real MariaDB, Redis and Keycloak. */
class IdentityServiceContractTest extends ServiceContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        realInfrastructure(registry, "identity-service");
    }
}
