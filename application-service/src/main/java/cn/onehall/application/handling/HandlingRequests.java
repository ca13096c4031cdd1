package cn.onehall.application.handling;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the officers' acts. */
final class HandlingRequests {

    private HandlingRequests() {
    }

    @Schema(description = "One correction of the one-time notice (一次性告知): a material or a form field and what to do")
    record Correction(@Size(max = 64) String materialCode, @Size(max = 64) String field, @NotBlank @Size(max = 500) String instruction) {
    }

    @Schema(description = "The one-time notice: every correction at once; a second notice on the same case needs a reason")
    record CorrectionNotice(@NotEmpty @Size(max = 50) List<@Valid @NotNull Correction> corrections, @Size(max = 500) String reason) {
    }

    record Accept(@DecimalMin("0") BigDecimal feeCharged) {
    }

    record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    record Suspend(@NotNull @Pattern(regexp = "HEARING|EXPERT_REVIEW|INSPECTION|CORRECTION") String kind,
                   @NotBlank @Size(max = 1000) String reason) {
    }

    record Extension(@NotNull @Min(1) @Max(60) Integer days, @NotBlank @Size(max = 1000) String reason) {
    }

    record ExtensionDecision(@NotNull Boolean approve, @Size(max = 1000) String reason) {
    }

    record SubtaskDecision(@NotNull @Pattern(regexp = "APPROVED|DENIED") String outcome, @Size(max = 1000) String reason) {
    }

    record Delivery(@NotNull @Pattern(regexp = "ONLINE|POST|WINDOW") String method, @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*") String trackingNumber) {
    }
}
