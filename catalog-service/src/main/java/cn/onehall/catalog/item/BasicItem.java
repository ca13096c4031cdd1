package cn.onehall.catalog.item;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** 基本目录事项: defined once, with one basic code everywhere. Also the body that creates one. */
@Schema(description = "基本目录事项 basic item")
public record BasicItem(
        @Schema(description = "基本编码: power type (2 digits) + item (6) + sub-item (2)", example = "0100012300")
        @NotBlank @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits") String code,
        @NotBlank @Size(max = 100) @Pattern(regexp = GuideContent.NO_MARKUP, message = GuideContent.MARKUP) String name,
        @NotNull PowerType powerType,
        @Schema(description = "设定依据") @NotBlank @Size(max = 4000) @Pattern(regexp = GuideContent.NO_MARKUP, message = GuideContent.MARKUP) String legalBasis) {
}
