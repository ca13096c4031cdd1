package cn.onehall.license.type;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.problem.ProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The licence type catalogue (证照目录). Types change rarely; they are read once per replica and kept. */
@Service
public class LicenceTypes {

    private static final TypeReference<List<LicenceType.FieldSpec>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<String, LicenceType> cache = new ConcurrentHashMap<>();

    LicenceTypes(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<LicenceType> all() {
        return jdbc.sql(SELECT + " ORDER BY code").query((rs, n) -> map(rs)).list();
    }

    public Optional<LicenceType> find(String code) {
        if (code == null || code.length() > 40) {
            return Optional.empty();
        }
        LicenceType hit = cache.get(code);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<LicenceType> found = jdbc.sql(SELECT + " WHERE code = ?").param(code).query((rs, n) -> map(rs)).optional();
        found.ifPresent(t -> cache.put(code, t));
        return found;
    }

    public LicenceType get(String code) {
        return find(code).orElseThrow(() -> ProblemException.notFound("licence type"));
    }

    private static final String SELECT = "SELECT code, name, holder_type, department_code, region_code, validity_rule, template, field_schema FROM licence_type";

    private LicenceType map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LicenceType(rs.getString("code"), rs.getString("name"), rs.getString("holder_type"), rs.getString("department_code"),
                rs.getString("region_code"), rs.getString("validity_rule"), rs.getString("template"),
                json.readValue(rs.getString("field_schema"), FIELDS));
    }
}
