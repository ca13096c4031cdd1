package cn.onehall.catalog.item;

import java.time.LocalDate;
import java.util.List;

import cn.onehall.catalog.item.GuideContent.Fee;
import cn.onehall.catalog.item.GuideContent.Material;
import cn.onehall.catalog.item.GuideContent.Place;
import cn.onehall.catalog.item.GuideContent.ProcessStep;
import cn.onehall.catalog.item.GuideContent.RealNameLevel;
import cn.onehall.catalog.item.GuideContent.TimeLimit;
import cn.onehall.catalog.theme.ServiceObject;
import io.swagger.v3.oas.annotations.media.Schema;

/** The published service guide other services rely on (docs/contracts.md, "Item guide fields"), plus the rest of the guide. */
@Schema(description = "办事指南 one published version of an implementation item (实施清单事项)")
public record Guide(
        @Schema(description = "实施编码") String code,
        @Schema(description = "基本编码") String basicCode,
        String name,
        int version,
        @Schema(description = "PUBLISHED | REVOKED") String status,
        LocalDate validFrom,
        String regionCode,
        String departmentCode,
        String departmentName,
        PowerType powerType,
        List<ServiceObject> serviceObjects,
        List<String> themes,
        int onlineDepth,
        int visits,
        boolean preReview,
        TimeLimit legalLimit,
        TimeLimit promisedLimit,
        Fee fee,
        List<String> parallelDepartments,
        String issuesLicenceType,
        RealNameLevel requiredRealNameLevel,
        List<Material> materials,
        @Schema(description = "设定依据 legal basis (of the basic item)") String legalBasis,
        List<String> conditions,
        List<ProcessStep> processSteps,
        List<Place> places,
        String consultationPhone,
        List<String> keywords,
        List<String> synonyms) {

    static Guide of(ItemRow item, BasicItem basic, String departmentName, int version, String status, GuideContent c) {
        return new Guide(item.code(), item.basicCode(), c.name(), version, status, c.validFrom(), item.regionCode(), item.departmentCode(),
                departmentName, basic.powerType(), c.serviceObjects(), c.themes(), c.onlineDepth(), c.visits(), c.preReview(),
                c.legalLimit(), c.promisedLimit(), c.fee(), nonNull(c.parallelDepartments()), c.issuesLicenceType(),
                c.requiredRealNameLevel() == null ? RealNameLevel.L1 : c.requiredRealNameLevel(), c.materials(), basic.legalBasis(),
                nonNull(c.conditions()), nonNull(c.processSteps()), nonNull(c.places()), c.consultationPhone(), nonNull(c.keywords()),
                nonNull(c.synonyms()));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
