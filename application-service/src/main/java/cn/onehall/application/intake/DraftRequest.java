package cn.onehall.application.intake;

import java.util.Map;

import cn.onehall.application.cases.Channel;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** 申请表: the applicant's form for one item. */
@Schema(description = "An application form (申请表) for one implementation item")
public record DraftRequest(
        @Schema(description = "Implementation item code (实施编码); or send bundleCode") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String itemCode,
        @Schema(description = "Bundle code (一件事) instead of itemCode: one form and one set of materials for all the bundle's items")
        @Size(max = 40) @Pattern(regexp = "[A-Z0-9-]+") String bundleCode,
        @Schema(description = "ONLINE_WEB (default) or ONLINE_MOBILE") Channel channel,
        @Schema(description = "Applicant's name (申请人)") @NotBlank @Size(max = 100) String applicantName,
        @Schema(description = "Mobile (11 digits) or landline") @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}") String contactPhone,
        @Schema(description = "Further fields of the form, name → value") @Size(max = 50)
        Map<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_.-]*") String, @Size(max = 2000) String> form) {

    @Schema(hidden = true)
    @jakarta.validation.constraints.AssertTrue(message = "send exactly one of itemCode and bundleCode")
    public boolean isOneTarget() {
        return (itemCode == null || itemCode.isBlank()) != (bundleCode == null || bundleCode.isBlank());
    }

    public DraftRequest {
        form = form == null ? Map.of() : new java.util.TreeMap<>(form);
    }
}
