package cn.onehall.supervision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 效能监督 supervision: cards, measures, ratings, reports. */
@SpringBootApplication
public class SupervisionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupervisionServiceApplication.class, args);
    }
}
