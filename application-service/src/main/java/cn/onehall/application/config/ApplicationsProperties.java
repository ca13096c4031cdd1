package cn.onehall.application.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onehall.applications.*}.
 *
 * @param storageDir                where uploaded materials are kept (filesystem storage)
 * @param rectificationWorkingDays  working days a department has to rectify after one of the two lowest evaluations
 * @param publicProgress            the anonymous progress query
 */
@ConfigurationProperties("onehall.applications")
public record ApplicationsProperties(Path storageDir, @DefaultValue("5") int rectificationWorkingDays,
                                     @DefaultValue PublicProgress publicProgress) {

    /** @param perMinute anonymous progress queries allowed per caller address per minute */
    public record PublicProgress(@DefaultValue("30") int perMinute) {
    }
}
