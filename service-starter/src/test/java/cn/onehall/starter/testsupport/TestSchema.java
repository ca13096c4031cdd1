package cn.onehall.starter.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema on the machine's real MariaDB/MySQL for one test run, dropped when the JVM ends.
 * Created through the {@code onehall_test} user, which may touch only {@code onehall_test_*} schemas.
 */
public final class TestSchema {

    public static final String HOST = HallEnv.get("ONEHALL_DB_HOST", "127.0.0.1");
    public static final String PORT = HallEnv.get("ONEHALL_DB_PORT", "3306");
    public static final String USER = "onehall_test";

    /** Event stream keys of this test JVM: concurrent runs on the machine's one Redis never read each other's events. */
    public static final String EVENT_STREAM_PREFIX = "onehall:test:" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":events:";

    private static final java.util.Map<String, String> CREATED = new java.util.concurrent.ConcurrentHashMap<>();

    private TestSchema() {
    }

    /** Points the application's datasource at a fresh schema named after the service, and its event streams at this run's keys. */
    public static void register(DynamicPropertyRegistry registry, String service) {
        String schema = create(service);
        registry.add("spring.datasource.url", () -> jdbcUrl(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", TestSchema::password);
        registry.add("onehall.events.stream-prefix", () -> EVENT_STREAM_PREFIX);
    }

    /** One schema per service per JVM: Spring may build several contexts, they share it. */
    public static synchronized String create(String service) {
        return CREATED.computeIfAbsent(service, s -> {
            String schema = "onehall_test_" + s.replaceAll("[^a-z0-9]", "_") + "_"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"))
                    + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
            execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS `" + schema + "`")));
            return schema;
        });
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:mysql://" + HOST + ":" + PORT + "/" + schema + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public static String password() {
        return HallEnv.require("ONEHALL_TEST_DB_PASSWORD");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' as " + USER + ": " + e.getMessage(), e);
        }
    }
}
