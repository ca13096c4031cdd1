package cn.onehall.application;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.ServiceContractTest;

/** The shared service contract, run against application-service with the real MariaDB, Redis and Keycloak. */
class ApplicationServiceContractTest extends ServiceContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        realInfrastructure(registry, "application-service");
    }
}
