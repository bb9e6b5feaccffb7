package org.cordon.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.cordon.observation.EpisodeReason;
import org.cordon.observation.FollowUpStatus;
import org.junit.jupiter.api.Test;

/** The colour rules per state (Shaanxi 2020 defaults) and their configuration. */
class HealthCodeRulesTests {

    static final LocalDate TODAY = LocalDate.of(2020, 2, 20);
    static final BiPredicate<String, LocalDate> HUBEI = (code, day) -> code.startsWith("42");
    static final FollowUpStatus NOTHING = new FollowUpStatus(false, false, false, List.of());

    static HealthCodeSettings settings(Map<CodeReason, CodeColor> colours) {
        return new HealthCodeSettings("CN-610881", "61", Duration.ofHours(24), Duration.ofDays(7), Duration.ofMinutes(1),
                Duration.ofDays(90), Period.ofDays(14), colours);
    }

    final HealthCodeRules rules = new HealthCodeRules(settings(Map.of()));

    HealthCodeRules.Assessment assess(FollowUpStatus f, HealthCodeRules.Origin... origins) {
        return rules.assess(f, List.of(origins), TODAY, HUBEI);
    }

    static HealthCodeRules.Origin from(String code, int daysAgo) {
        return new HealthCodeRules.Origin(code, TODAY.minusDays(daysAgo));
    }

    @Test
    void nobodyKnownIsGreen() {
        assertThat(assess(NOTHING)).isEqualTo(new HealthCodeRules.Assessment(CodeColor.GREEN, List.of()));
        // arrivals from the own province count for nothing
        assertThat(assess(NOTHING, from("610802", 1)).color()).isEqualTo(CodeColor.GREEN);
    }

    @Test
    void anotherProvinceWithin14DaysIsYellowThenGreen() {
        assertThat(assess(NOTHING, from("110105", 3))).isEqualTo(new HealthCodeRules.Assessment(CodeColor.YELLOW,
                List.of(CodeReason.OTHER_PROVINCE_ARRIVAL)));
        assertThat(assess(NOTHING, from("110105", 13)).color()).isEqualTo(CodeColor.YELLOW);
        assertThat(assess(NOTHING, from("110105", 14)).color()).isEqualTo(CodeColor.GREEN);
        // a date in the future counts for nothing (a typing error is not a stay)
        assertThat(assess(NOTHING, from("110105", -2)).color()).isEqualTo(CodeColor.GREEN);
    }

    @Test
    void aRiskAreaOrAbroadIsRed() {
        assertThat(assess(NOTHING, from("420102", 5)).reasons()).containsExactly(CodeReason.RISK_AREA_ARRIVAL);
        assertThat(assess(NOTHING, from("420102", 5)).color()).isEqualTo(CodeColor.RED);
        for (String abroad : List.of("ISO:US", "81", "82", "71")) {
            assertThat(assess(NOTHING, from(abroad, 2)).reasons()).as(abroad).containsExactly(CodeReason.ARRIVAL_FROM_ABROAD);
        }
        assertThat(assess(NOTHING, from("420102", 20)).color()).isEqualTo(CodeColor.GREEN);
    }

    @Test
    void followUpStatesWhileOpen() {
        assertThat(assess(new FollowUpStatus(true, false, false, List.of())).reasons()).containsExactly(CodeReason.CONFIRMED_CASE);
        assertThat(assess(new FollowUpStatus(false, true, false, List.of())).color()).isEqualTo(CodeColor.RED);
        assertThat(assess(new FollowUpStatus(false, false, true, List.of())).reasons()).containsExactly(CodeReason.OPEN_REFERRAL);
        assertThat(assess(new FollowUpStatus(false, false, false, List.of(EpisodeReason.CLOSE_CONTACT))).reasons())
                .containsExactly(CodeReason.CLOSE_CONTACT);
        assertThat(assess(new FollowUpStatus(false, false, false, List.of(EpisodeReason.RISK_ARRIVAL))).color()).isEqualTo(CodeColor.RED);
        assertThat(assess(new FollowUpStatus(false, false, false, List.of(EpisodeReason.OTHER))))
                .isEqualTo(new HealthCodeRules.Assessment(CodeColor.YELLOW, List.of(CodeReason.UNDER_OBSERVATION)));
    }

    @Test
    void theMostRestrictiveColourWinsAndTheReasonsAreKeptRedFirst() {
        HealthCodeRules.Assessment a = assess(new FollowUpStatus(false, false, false, List.of(EpisodeReason.OTHER)),
                from("110105", 2), from("420102", 3));
        assertThat(a.color()).isEqualTo(CodeColor.RED);
        assertThat(a.reasons()).containsExactly(CodeReason.RISK_AREA_ARRIVAL, CodeReason.UNDER_OBSERVATION, CodeReason.OTHER_PROVINCE_ARRIVAL);
    }

    @Test
    void coloursAreConfiguration() {
        // a city that sends every arrival from another province to centralised observation, and reads observation as green
        HealthCodeRules strict = new HealthCodeRules(settings(Map.of(CodeReason.OTHER_PROVINCE_ARRIVAL, CodeColor.RED,
                CodeReason.UNDER_OBSERVATION, CodeColor.GREEN)));
        assertThat(strict.assess(NOTHING, List.of(from("110105", 3)), TODAY, HUBEI).color()).isEqualTo(CodeColor.RED);
        assertThat(strict.assess(new FollowUpStatus(false, false, false, List.of(EpisodeReason.OTHER)), List.of(), TODAY, HUBEI).color())
                .isEqualTo(CodeColor.GREEN);
    }
}
