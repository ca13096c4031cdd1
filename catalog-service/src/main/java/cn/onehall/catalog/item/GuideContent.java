package cn.onehall.catalog.item;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import cn.onehall.catalog.theme.ServiceObject;
import cn.onehall.starter.codes.ValidCreditCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * 办事指南: what an editor writes for one version of an implementation item. Stored as it is (JSON) with the version;
 * a published version is never changed. No markup in any text: the guide is shown on every portal.
 */
@Schema(description = "办事指南 service guide of one version, as an editor sends it")
public record GuideContent(
        @Schema(description = "事项名称 name as the public sees it") @NotBlank @Size(max = 100) @Pattern(regexp = NO_MARKUP, message = MARKUP) String name,
        @Schema(description = "生效日期 the day this version becomes valid") @NotNull LocalDate validFrom,
        @Schema(description = "服务对象") @NotEmpty @Size(max = 2) List<@NotNull ServiceObject> serviceObjects,
        @Schema(description = "服务主题 codes, e.g. NP12 婚姻登记") @NotEmpty @Size(max = 6) List<@NotNull @Pattern(regexp = "(NP|LP)[0-9]{2}", message = "is not a theme code") String> themes,
        @Schema(description = "网上办理深度 1–5") @NotNull @Min(1) @Max(5) Integer onlineDepth,
        @Schema(description = "到现场次数 0 (不见面), 1 (见一次面), …") @NotNull @Min(0) @Max(10) Integer visits,
        @Schema(description = "是否网上预审") @NotNull Boolean preReview,
        @Schema(description = "法定时限") @NotNull @Valid TimeLimit legalLimit,
        @Schema(description = "承诺时限") @NotNull @Valid TimeLimit promisedLimit,
        @Schema(description = "收费") @NotNull @Valid Fee fee,
        @Schema(description = "并联审批部门 credit codes; empty for one department") @Size(max = 10) List<@NotNull @ValidCreditCode String> parallelDepartments,
        @Schema(description = "办理结果证照类型 licence type code, or null") @Pattern(regexp = "[0-9A-Z]{18}[0-9]{3}", message = "is not a licence type code") String issuesLicenceType,
        @Schema(description = "实名认证等级 L1 | L2 | L3 (default L1)") RealNameLevel requiredRealNameLevel,
        @Schema(description = "申请材料") @NotEmpty @Size(max = 60) List<@NotNull @Valid Material> materials,
        @Schema(description = "受理条件") @Size(max = 30) List<@NotBlank @Size(max = 500) @Pattern(regexp = NO_MARKUP, message = MARKUP) String> conditions,
        @Schema(description = "办理流程") @Size(max = 30) List<@NotNull @Valid ProcessStep> processSteps,
        @Schema(description = "办理地点和时间") @Size(max = 20) List<@NotNull @Valid Place> places,
        @Schema(description = "咨询电话") @Size(max = 30) @Pattern(regexp = "[0-9+()\\- ]*", message = "must be a phone number") String consultationPhone,
        @Schema(description = "搜索关键词") @Size(max = 30) List<@NotBlank @Size(max = 30) @Pattern(regexp = NO_MARKUP, message = MARKUP) String> keywords,
        @Schema(description = "同义词 (e.g. 领证 for 结婚登记)") @Size(max = 30) List<@NotBlank @Size(max = 30) @Pattern(regexp = NO_MARKUP, message = MARKUP) String> synonyms) {

    static final String NO_MARKUP = "[^<>]*";
    static final String MARKUP = "must not contain markup";

    public enum LimitUnit { WORKING_DAYS, CALENDAR_DAYS }

    public enum RealNameLevel { L1, L2, L3 }

    public enum MaterialSource { UPLOAD, LICENCE, SHARED }

    @Schema(description = "时限 value and unit (工作日 or 自然日)")
    public record TimeLimit(@NotNull @Min(0) @Max(3650) Integer value, @NotNull LimitUnit unit) {
    }

    @Schema(description = "收费 amount in CNY (0 for free) and its basis")
    public record Fee(@NotNull @DecimalMin("0") @DecimalMax("100000000") @Digits(integer = 9, fraction = 2) BigDecimal amount,
                      @Size(max = 500) @Pattern(regexp = NO_MARKUP, message = MARKUP) String basis) {
    }

    @Schema(description = "申请材料 one material")
    public record Material(
            @Schema(description = "材料编码, unique within the item") @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,39}", message = "must be 1–40 upper-case letters, digits or -") String code,
            @NotBlank @Size(max = 100) @Pattern(regexp = NO_MARKUP, message = MARKUP) String name,
            @NotNull Boolean required,
            @Schema(description = "份数") @NotNull @Min(0) @Max(20) Integer copies,
            @Schema(description = "UPLOAD 申请人上传, LICENCE 电子证照, SHARED 部门共享") @NotNull MaterialSource source,
            @Schema(description = "证照类型 when source is LICENCE") @Pattern(regexp = "[0-9A-Z]{18}[0-9]{3}", message = "is not a licence type code") String licenceTypeCode,
            @Schema(description = "共享部门 credit code when source is SHARED") @ValidCreditCode String sharedByDepartment,
            @Schema(description = "上传大小上限 MB") @Min(1) @Max(50) Integer maxSizeMb,
            @Schema(description = "允许的媒体类型") @Size(max = 6) List<@NotBlank @Pattern(regexp = "[a-z]+/[a-z0-9.+-]+", message = "is not a media type") String> mediaTypes,
            @Schema(description = "空白表格/示范文本 URL path") @Size(max = 300) @Pattern(regexp = "(/[A-Za-z0-9._~/-]*)?", message = "must be a path") String formTemplate,
            @Size(max = 300) @Pattern(regexp = NO_MARKUP, message = MARKUP) String note) {
    }

    @Schema(description = "办理流程 one step")
    public record ProcessStep(@NotBlank @Size(max = 50) @Pattern(regexp = NO_MARKUP, message = MARKUP) String name,
                              @Size(max = 500) @Pattern(regexp = NO_MARKUP, message = MARKUP) String description) {
    }

    @Schema(description = "办理地点 with 办理时间")
    public record Place(@NotBlank @Size(max = 100) @Pattern(regexp = NO_MARKUP, message = MARKUP) String name,
                        @Size(max = 200) @Pattern(regexp = NO_MARKUP, message = MARKUP) String address,
                        @Size(max = 200) @Pattern(regexp = NO_MARKUP, message = MARKUP) String hours) {
    }
}
