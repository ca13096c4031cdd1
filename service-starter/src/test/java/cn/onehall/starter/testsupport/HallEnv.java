package cn.onehall.starter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code ./hall} set up for this machine: secrets come from the environment it exports, or from
 * {@code .hall/secrets.env} when a test runs from an IDE after {@code ./hall up}.
 */
public final class HallEnv {

    private static final Map<String, String> FILE = readSecretsFile();

    private HallEnv() {
    }

    public static String get(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = FILE.get(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String require(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the tests through ./hall test (or ./hall up first)");
        }
        return value;
    }

    public static String issuer() {
        return get("ONEHALL_ISSUER", "http://localhost:8180/realms/onehall");
    }

    public static Path root() {
        String home = System.getenv("ONEHALL_HOME");
        if (home != null) {
            return Path.of(home);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("hall"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (the folder holding ./hall)");
        }
        return dir;
    }

    private static Map<String, String> readSecretsFile() {
        Map<String, String> values = new HashMap<>();
        try {
            Path file = root().resolve(".hall/secrets.env");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            // not inside the repository: the environment must carry everything
        }
        return values;
    }
}
