package cn.onehall.application.peers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The service guide (办事指南) of one implementation item version, as the catalogue publishes it (docs/contracts.md). */
public record ItemGuide(String code, String basicCode, String name, Integer version, String status, LocalDate validFrom,
                        String regionCode, String departmentCode, String departmentName, String powerType,
                        List<String> serviceObjects, Integer onlineDepth, Integer visits, Boolean preReview,
                        Limit legalLimit, Limit promisedLimit, Fee fee, List<String> parallelDepartments,
                        String issuesLicenceType, String requiredRealNameLevel, List<Material> materials) {

    public ItemGuide {
        serviceObjects = serviceObjects == null ? List.of() : List.copyOf(serviceObjects);
        parallelDepartments = parallelDepartments == null ? List.of() : List.copyOf(parallelDepartments);
        materials = materials == null ? List.of() : List.copyOf(materials);
    }

    public record Limit(Integer value, String unit) {
    }

    public record Fee(BigDecimal amount, String basis) {
    }

    /** 申请材料: source UPLOAD, LICENCE (licenceTypeCode) or SHARED (fetched by the department itself). */
    public record Material(String code, String name, Boolean required, Integer copies, String source, String licenceTypeCode,
                           Integer maxSizeMb, List<String> mediaTypes) {

        public Material {
            mediaTypes = mediaTypes == null ? List.of() : List.copyOf(mediaTypes);
        }

        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }
    }

    public boolean published() {
        return "PUBLISHED".equals(status);
    }

    public boolean preReviewed() {
        return Boolean.TRUE.equals(preReview);
    }

    public java.util.Optional<Material> material(String materialCode) {
        return materials.stream().filter(m -> m.code().equals(materialCode)).findFirst();
    }

    /** L1 < L2 < L3; the catalogue's default is L1. */
    public String realNameLevel() {
        return requiredRealNameLevel == null || requiredRealNameLevel.isBlank() ? "L1" : requiredRealNameLevel;
    }

    /** The departments that approve: those listed for parallel approval, or the item's own department. */
    public List<String> approvingDepartments() {
        return parallelDepartments.isEmpty() ? List.of(departmentCode) : parallelDepartments;
    }
}
