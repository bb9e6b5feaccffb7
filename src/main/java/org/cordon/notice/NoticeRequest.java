package org.cordon.notice;

import java.time.LocalDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A notice draft to create or change. Strings where a wrong value must produce a per-field message.
 *
 * @param title         up to 100 characters
 * @param body          up to 10,000 characters
 * @param issuer        who issues it, up to 100 characters
 * @param categories    one or more of {@link NoticeCategory}
 * @param effectiveFrom start, in the city's time zone
 * @param effectiveTo   end (exclusive), in the city's time zone; null = until revoked
 * @param targets       venues, events and services it closes, cancels or suspends; null = none
 */
public record NoticeRequest(
        @Schema(example = "关于关闭石峁遗址等景区的通告") String title,
        @Schema(example = "为切实做好疫情防控工作，自即日起关闭石峁遗址……") String body,
        @Schema(example = "神木市新型冠状病毒感染的肺炎疫情防控工作领导小组") String issuer,
        @Schema(example = "[\"VENUE_CLOSURE\"]") List<String> categories,
        @Schema(description = "City time (Asia/Shanghai)", example = "2020-01-25T12:00:00") LocalDateTime effectiveFrom,
        @Schema(description = "City time (Asia/Shanghai); null = until revoked") LocalDateTime effectiveTo,
        List<TargetRef> targets) {

    /** A venue, event or service a notice applies to. */
    public record TargetRef(TargetType type, long id) {
    }
}
