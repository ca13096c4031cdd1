package cn.onehall.catalog.item;

import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A new implementation item: which basic item, where, by whom, and the guide of its first version. */
@Schema(description = "新建实施清单事项 a new implementation item; its code is built from the three codes")
public record ItemCreation(
        @NotBlank @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits") String basicCode,
        @NotBlank @ValidRegionCode String regionCode,
        @NotBlank @ValidCreditCode String departmentCode,
        @NotNull @Valid GuideContent guide) {
}
