package cn.onehall.license.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.license.licence.IssueCommand;
import cn.onehall.license.licence.LicenceService;
import cn.onehall.license.signing.SigningKeys;
import cn.onehall.license.type.LicenceType;
import cn.onehall.license.type.LicenceTypes;

/**
 * At start: every issuing department has an active signing key (so the first licences never race to make one), and, in
 * the dev hall, the demo licence library of docs/contracts.md exists (zhangsan's 居民身份证 and 居民户口簿,
 * taishan-foods' 营业执照), made once.
 */
@Component
class Startup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final LicenceTypes types;
    private final SigningKeys keys;
    private final LicenceService licences;
    private final JdbcClient jdbc;
    private final boolean demo;

    Startup(LicenceTypes types, SigningKeys keys, LicenceService licences, JdbcClient jdbc,
            @Value("${onehall.license.demo-seed:false}") boolean demo) {
        this.types = types;
        this.keys = keys;
        this.licences = licences;
        this.jdbc = jdbc;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        types.all().stream().map(LicenceType::departmentCode).distinct().forEach(keys::ensureKey);
        if (demo) {
            DEMO.forEach(this::seed);
        }
    }

    private void seed(IssueCommand c) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM licence WHERE type_code = ? AND paper_number = ?")
                .params(c.typeCode(), c.paperNumber()).query(Long.class).single() > 0;
        if (!exists) {
            try {
                licences.issue(c, "demo-seed");
                log.info("Demo licence {} seeded", c.paperNumber());
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // another replica seeded it at the same moment
            }
        }
    }

    static final List<IssueCommand> DEMO = List.of(
            new IssueCommand("11440781MB2C00055T001", "NATURAL_PERSON", "440781198803140029",
                    Map.of("name", "张三", "gender", "女", "ethnicity", "汉", "birthDate", "1988-03-14", "address", "广东省台山市台城街道环北大道1号"),
                    LocalDate.of(2016, 5, 1), null, null, "DEMO-ID-440781-0001", "440781", "IMPORT"),
            new IssueCommand("11440781MB2C00055T002", "NATURAL_PERSON", "440781198803140029",
                    Map.of("name", "张三", "householdType", "家庭户", "address", "广东省台山市台城街道环北大道1号"),
                    LocalDate.of(2010, 9, 1), null, null, "DEMO-HH-440781-0001", "440781", "IMPORT"),
            new IssueCommand("11440781MB2C00012D001", "LEGAL_PERSON", "91440781MA4W00001L",
                    Map.of("name", "台山美食有限公司", "legalRepresentative", "李四", "registeredCapital", "100万元人民币",
                            "establishedOn", "2019-06-18", "address", "广东省台山市台城街道舜德路8号", "scope", "食品销售；餐饮服务"),
                    LocalDate.of(2019, 6, 18), null, null, "DEMO-BL-440781-0001", "440781", "IMPORT"));
}
