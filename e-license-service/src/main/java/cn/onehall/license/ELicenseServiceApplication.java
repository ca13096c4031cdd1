package cn.onehall.license;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 电子证照 electronic licences: issue, sign, verify, revoke, reuse. */
@SpringBootApplication
public class ELicenseServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ELicenseServiceApplication.class, args);
    }
}
