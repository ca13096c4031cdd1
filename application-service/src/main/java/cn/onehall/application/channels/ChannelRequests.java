package cn.onehall.application.channels;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class ChannelRequests {

    private ChannelRequests() {
    }

    @Schema(description = "A case an officer files at the counter (窗口收件) for the person in front of them")
    record WindowCase(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String itemCode,
                      @NotNull @Pattern(regexp = "NATURAL_PERSON|LEGAL_PERSON") String holderType,
                      @NotBlank @Size(min = 18, max = 18) String holderRef,
                      @NotBlank @Size(max = 100) String applicantName,
                      @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}") String contactPhone,
                      @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @Size(max = 2000) String> form,
                      @Schema(description = "Codes of the materials the officer saw on paper") @Size(max = 50) List<@NotBlank @Size(max = 64) String> paperMaterials) {

        WindowCase {
            form = form == null ? Map.of() : new java.util.TreeMap<>(form);
            paperMaterials = paperMaterials == null ? List.of() : List.copyOf(paperMaterials);
        }
    }

    @Schema(description = "A case handled in a county system, imported so the hall's rates count it")
    record ImportedCase(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String externalId,
                        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String itemCode,
                        @NotNull @Pattern(regexp = "NATURAL_PERSON|LEGAL_PERSON") String holderType,
                        @NotBlank @Size(min = 18, max = 18) String holderRef,
                        @Size(max = 100) String applicantName,
                        @NotNull OffsetDateTime submittedAt) {
    }

    record ImportBatch(@NotEmpty @Size(max = 500) List<@Valid @NotNull ImportedCase> cases) {
    }
}
