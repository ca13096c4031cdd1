package cn.onehall.catalog.navigation;

import java.util.List;

import cn.onehall.starter.codes.ValidRegionCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** 情景式导航: a scenario with a question tree whose answers lead to items. */
@Schema(description = "情景式导航 a scenario: a few questions that lead to the right items")
public record Scenario(
        @NotBlank @ValidRegionCode String regionCode,
        @NotBlank @Size(max = 50) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String title,
        @NotNull @Min(0) @Max(1000) Integer position,
        @NotNull @Valid Question root) {

    @Schema(description = "A question and its answers")
    public record Question(@NotBlank @Size(max = 100) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String text,
                           @NotEmpty @Size(max = 12) List<@NotNull @Valid Answer> answers) {
    }

    @Schema(description = "An answer: either the next question or the items (and bundles) it leads to")
    public record Answer(@NotBlank @Size(max = 50) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String label,
                         @Valid Question next,
                         @Size(max = 30) List<@NotBlank @Pattern(regexp = "[0-9A-Z]{35,41}", message = "is not an item code") String> items,
                         @Size(max = 5) List<@NotBlank @Pattern(regexp = "[A-Z0-9-]{1,40}", message = "is not a bundle code") String> bundles) {
    }
}
