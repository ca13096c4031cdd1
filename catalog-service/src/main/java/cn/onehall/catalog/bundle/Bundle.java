package cn.onehall.catalog.bundle;

import java.util.List;

import cn.onehall.catalog.item.GuideContent.MaterialSource;
import cn.onehall.catalog.item.GuideContent.TimeLimit;
import io.swagger.v3.oas.annotations.media.Schema;

/** 一件事: several items applied for with one form and one set of materials, approved in parallel. */
@Schema(description = "一件事 / 套餐式服务 a bundle of items")
public record Bundle(String code, String name, String regionCode, String status, int version, String description, List<String> itemCodes,
                     List<BundleItem> items,
                     @Schema(description = "合并后的申请材料: the same material is asked once") List<MergedMaterial> materials,
                     @Schema(description = "一件事的承诺时限") TimeLimit promisedLimit,
                     @Schema(description = "并联审批部门 every department that approves in parallel") List<String> parallelDepartments,
                     List<String> themes) {

    @Schema(description = "An item of the bundle, at the version the bundle was published with")
    public record BundleItem(String code, String name, int version, String departmentCode, TimeLimit promisedLimit, String issuesLicenceType) {
    }

    @Schema(description = "One material of the merged list and which items' materials it stands for")
    public record MergedMaterial(String code, String name, boolean required, int copies, MaterialSource source, String licenceTypeCode,
                                 List<UsedBy> usedBy) {
    }

    public record UsedBy(String itemCode, String materialCode) {
    }
}
