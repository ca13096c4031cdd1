package cn.onehall.catalog.theme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.catalog.config.SeedFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 65 themes of the national classification, loaded from the shipped seed (a copy of shared/data/themes.json)
 * when absent. They change by policy, not by editing, so the list is read once and served from memory.
 */
@Service
@Order(0)
public class ThemeCatalogue implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private volatile List<Theme> themes = List.of();
    private volatile String etag = "";

    ThemeCatalogue(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        JsonNode seed = SeedFiles.read(json, "seed/themes.json");
        JsonNode notes = seed.path("notes");
        load(seed.get("naturalPerson"), ServiceObject.NATURAL_PERSON, notes);
        load(seed.get("legalPerson"), ServiceObject.LEGAL_PERSON, notes);
        themes = jdbc.sql("SELECT code, name, service_object, position, note FROM theme ORDER BY service_object DESC, position")
                .query((rs, i) -> new Theme(rs.getString("code"), rs.getString("name"), ServiceObject.valueOf(rs.getString("service_object")),
                        rs.getInt("position"), rs.getString("note")))
                .list();
        etag = "\"" + digest(themes.toString()) + "\"";
    }

    private void load(JsonNode list, ServiceObject object, JsonNode notes) {
        int position = 0;
        for (JsonNode t : list) {
            String code = t.get("code").asString();
            jdbc.sql("INSERT IGNORE INTO theme (code, name, service_object, position, note) VALUES (?, ?, ?, ?, ?)")
                    .params(code, t.get("name").asString(), object.name(), ++position, notes.hasNonNull(code) ? notes.get(code).asString() : null)
                    .update();
        }
    }

    public List<Theme> all() {
        return themes;
    }

    public List<Theme> of(ServiceObject object) {
        return themes.stream().filter(t -> t.serviceObject() == object).toList();
    }

    public Optional<Theme> find(String code) {
        return themes.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** Changes only when the themes change: clients and the gateway's caches revalidate cheaply. */
    public String etag() {
        return etag;
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
