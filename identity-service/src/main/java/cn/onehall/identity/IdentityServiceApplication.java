package cn.onehall.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** 用户中心 identity: persons, enterprises, agents, staff, personal and enterprise pages. */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
@EnableFeignClients
public class IdentityServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityServiceApplication.class, args);
    }
}
