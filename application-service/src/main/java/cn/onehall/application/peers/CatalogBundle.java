package cn.onehall.application.peers;

import java.util.List;

/**
 * A bundle (一件事) as the catalogue serves it at {@code GET /api/catalog/bundles/{code}}: its items at the versions the
 * bundle was published with, the merged materials (each asked once, {@code usedBy} the items' own materials), the
 * combined promised limit and every department that approves in parallel.
 */
public record CatalogBundle(String code, String name, String regionCode, String status, Integer version, List<String> itemCodes,
                            List<Item> items, List<MergedMaterial> materials, ItemGuide.Limit promisedLimit,
                            List<String> parallelDepartments) {

    public CatalogBundle {
        itemCodes = itemCodes == null ? List.of() : List.copyOf(itemCodes);
        items = items == null ? List.of() : List.copyOf(items);
        materials = materials == null ? List.of() : List.copyOf(materials);
        parallelDepartments = parallelDepartments == null ? List.of() : List.copyOf(parallelDepartments);
    }

    public record Item(String code, String name, Integer version, String departmentCode, ItemGuide.Limit promisedLimit, String issuesLicenceType) {
    }

    public record MergedMaterial(String code, String name, Boolean required, Integer copies, String source, String licenceTypeCode,
                                 List<UsedBy> usedBy) {

        public MergedMaterial {
            usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
        }
    }

    public record UsedBy(String itemCode, String materialCode) {
    }

    public boolean published() {
        return "PUBLISHED".equals(status);
    }
}
