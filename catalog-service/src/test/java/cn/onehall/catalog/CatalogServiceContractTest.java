package cn.onehall.catalog;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.ServiceContractTest;

/** The shared service contract, run against catalog-service with the real MariaDB, Redis and Keycloak. */
class CatalogServiceContractTest extends ServiceContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        realInfrastructure(registry, "catalog-service");
    }
}
