package cn.onehall.license;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.ServiceContractTest;

/** The shared service contract, run against e-license-service with the real MariaDB, Redis and Keycloak. */
class ELicenseServiceContractTest extends ServiceContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        realInfrastructure(registry, "e-license-service");
    }
}
