package cn.onehall.catalog.department;

import cn.onehall.starter.codes.ValidCreditCode;
import cn.onehall.starter.codes.ValidRegionCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a catalogue administrator sends to create or change a department. No markup anywhere. */
public record DepartmentDraft(
        @NotBlank @ValidCreditCode String creditCode,
        @NotBlank @Size(min = 2, max = 100) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String name,
        @Size(max = 50) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String shortName,
        @NotBlank @ValidRegionCode String regionCode,
        @Size(max = 30) @Pattern(regexp = "[0-9+()\\- ]*", message = "must be a phone number") String phone,
        @Size(max = 200) @Pattern(regexp = "[^<>]*", message = "must not contain markup") String address) {
}
