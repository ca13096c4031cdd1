package cn.onehall.catalog.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo and reference data the service ships with (src/main/resources/seed). */
public final class SeedFiles {

    private SeedFiles() {
    }

    /** A shipped seed that cannot be read is a broken build: fail the start, loudly. */
    public static JsonNode read(JsonMapper json, String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + path, e);
        }
    }
}
