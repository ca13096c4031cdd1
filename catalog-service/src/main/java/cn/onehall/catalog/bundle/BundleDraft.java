package cn.onehall.catalog.bundle;

import java.util.List;

import cn.onehall.catalog.item.GuideContent.TimeLimit;
import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an administrator writes for a bundle; the merged materials and departments are computed when it is published. */
@Schema(description = "一件事 draft: its items and its combined promised limit")
public record BundleDraft(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String name,
        @NotBlank @ValidRegionCode String regionCode,
        @Size(max = 500) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String description,
        @NotNull @Size(min = 2, max = 12) List<@NotBlank @Pattern(regexp = "[0-9A-Z]{35,41}", message = "is not an item code") String> itemCodes,
        @NotNull @Valid TimeLimit promisedLimit,
        @Size(max = 6) List<@NotBlank @Pattern(regexp = "(NP|LP)[0-9]{2}", message = "is not a theme code") String> themes) {
}
