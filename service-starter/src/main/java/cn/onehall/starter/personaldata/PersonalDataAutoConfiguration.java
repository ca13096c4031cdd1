package cn.onehall.starter.personaldata;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Only services that hold personal data configure keys; the others start without them. */
@AutoConfiguration
@EnableConfigurationProperties(PersonalDataProperties.class)
@ConditionalOnProperty("onehall.personal-data.active-key")
public class PersonalDataAutoConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataProperties properties) {
        return new PersonalDataCipher(properties);
    }

    @Bean
    BlindIndex blindIndex(PersonalDataProperties properties) {
        return new BlindIndex(properties);
    }
}
