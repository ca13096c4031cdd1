package cn.onehall.application.peers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The combined guide of a bundle (一件事): one form, the merged materials asked once, the bundle's promised limit and its
 * parallel departments. The lead item (the bundle's first) gives the case its item code, version and lead department
 * (acceptance, notices, delivery); every department of {@code parallelDepartments} decides its own sub-task.
 */
public final class BundleGuides {

    private BundleGuides() {
    }

    /** @param guides the bundle's items' guides, in the bundle's order, at the versions the bundle names */
    public static ItemGuide combined(CatalogBundle bundle, List<ItemGuide> guides) {
        ItemGuide lead = guides.getFirst();
        Set<String> serviceObjects = null;
        int onlineDepth = Integer.MAX_VALUE;
        int visits = 0;
        boolean preReview = false;
        BigDecimal fee = BigDecimal.ZERO;
        String realName = "L1";
        for (ItemGuide g : guides) {
            if (!g.serviceObjects().isEmpty()) {
                if (serviceObjects == null) {
                    serviceObjects = new LinkedHashSet<>(g.serviceObjects());
                } else {
                    serviceObjects.retainAll(g.serviceObjects());
                }
            }
            onlineDepth = Math.min(onlineDepth, g.onlineDepth() == null ? 1 : g.onlineDepth());
            visits = Math.max(visits, g.visits() == null ? 0 : g.visits());
            preReview |= g.preReviewed();
            fee = fee.add(g.fee() == null || g.fee().amount() == null ? BigDecimal.ZERO : g.fee().amount());
            if (g.realNameLevel().compareTo(realName) > 0) {
                realName = g.realNameLevel();
            }
        }
        List<ItemGuide.Material> materials = new ArrayList<>();
        for (CatalogBundle.MergedMaterial m : bundle.materials()) {
            Integer maxSizeMb = null;
            List<String> mediaTypes = null;
            for (CatalogBundle.UsedBy use : m.usedBy()) {
                ItemGuide.Material own = guides.stream().filter(g -> g.code().equals(use.itemCode())).findFirst()
                        .flatMap(g -> g.material(use.materialCode())).orElse(null);
                if (own == null) {
                    continue;
                }
                if (own.maxSizeMb() != null) {
                    maxSizeMb = maxSizeMb == null ? own.maxSizeMb() : Math.min(maxSizeMb, own.maxSizeMb());
                }
                if (!own.mediaTypes().isEmpty()) {
                    if (mediaTypes == null) {
                        mediaTypes = new ArrayList<>(own.mediaTypes());
                    } else {
                        List<String> both = mediaTypes.stream().filter(own.mediaTypes()::contains).toList();
                        // no type satisfies every item: keep the stricter earlier item's list rather than allowing any type
                        mediaTypes = both.isEmpty() ? mediaTypes : new ArrayList<>(both);
                    }
                }
            }
            materials.add(new ItemGuide.Material(m.code(), m.name(), m.required(), m.copies(), m.source(), m.licenceTypeCode(), maxSizeMb,
                    mediaTypes));
        }
        List<String> departments = bundle.parallelDepartments().isEmpty()
                ? guides.stream().map(ItemGuide::departmentCode).filter(Objects::nonNull).distinct().toList()
                : bundle.parallelDepartments();
        return new ItemGuide(lead.code(), lead.basicCode(), bundle.name(), lead.version(), bundle.status(), lead.validFrom(), bundle.regionCode(),
                lead.departmentCode(), lead.departmentName(), lead.powerType(), serviceObjects == null ? List.of() : List.copyOf(serviceObjects),
                onlineDepth == Integer.MAX_VALUE ? null : onlineDepth, visits, preReview, null, bundle.promisedLimit(),
                new ItemGuide.Fee(fee, "一件事各事项收费合计"), departments, null, realName, materials);
    }
}
