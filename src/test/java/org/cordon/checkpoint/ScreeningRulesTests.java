package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScreeningRulesTests {

    static final LocalDate DAY = LocalDate.of(2020, 2, 10);
    static final String WUHAN = "420102";
    static final String YULIN = "610802";

    /** Threshold 37.3, Hubei ("42") a risk area since 2020-01-23, Shenzhen ("4403") from 2020-02-01 to 2020-02-14. */
    static final ScreeningRules RULES = new ScreeningRules(new BigDecimal("37.3"), List.of(
            new RiskArea(1, "42", "湖北省", LocalDate.of(2020, 1, 23), null),
            new RiskArea(2, "4403", "广东省 深圳市", LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 14))));

    static Disposition disposition(Direction direction, String origin, LocalDate day, String temperature,
                                   Set<Symptom> symptoms, boolean riskAreaStay, boolean caseContact, boolean turnedBack) {
        return RULES.dispositionOf(direction, origin, day, new BigDecimal(temperature), symptoms, riskAreaStay, caseContact,
                turnedBack);
    }

    static Disposition entering(String origin, String temperature) {
        return disposition(Direction.ENTERING, origin, DAY, temperature, java.util.EnumSet.noneOf(Symptom.class), false, false, false);
    }

    @Nested
    class Fever {

        @ParameterizedTest
        @CsvSource({"37.3, FEVER_REFERRAL", "37.30, FEVER_REFERRAL", "37.2, RELEASED", "39.5, FEVER_REFERRAL",
                "35.0, RELEASED"})
        void theThresholdIsInclusive(String temperature, Disposition expected) {
            assertThat(entering(YULIN, temperature)).isEqualTo(expected);
        }

        @Test
        void theThresholdIsConfiguration() {
            ScreeningRules lenient = new ScreeningRules(new BigDecimal("37.5"), List.of());
            assertThat(lenient.dispositionOf(Direction.ENTERING, YULIN, DAY, new BigDecimal("37.4"), java.util.EnumSet.noneOf(Symptom.class),
                    false, false, false)).isEqualTo(Disposition.RELEASED);
            assertThat(lenient.dispositionOf(Direction.ENTERING, YULIN, DAY, new BigDecimal("37.5"), java.util.EnumSet.noneOf(Symptom.class),
                    false, false, false)).isEqualTo(Disposition.FEVER_REFERRAL);
        }

        @Test
        void aFeverSymptomMeansReferralAtANormalTemperature() {
            assertThat(disposition(Direction.ENTERING, YULIN, DAY, "36.5", EnumSet.of(Symptom.FEVER), false, false, false))
                    .isEqualTo(Disposition.FEVER_REFERRAL);
        }

        @Test
        void otherSymptomsAloneDoNot() {
            assertThat(disposition(Direction.ENTERING, YULIN, DAY, "36.5",
                    EnumSet.of(Symptom.COUGH, Symptom.FATIGUE, Symptom.SHORTNESS_OF_BREATH), false, false, false))
                    .isEqualTo(Disposition.RELEASED);
        }
    }

    @Nested
    class Precedence {

        @Test
        void aFeverBeatsEverythingElse() {
            assertThat(disposition(Direction.ENTERING, WUHAN, DAY, "38.0", java.util.EnumSet.noneOf(Symptom.class), true, true, true))
                    .isEqualTo(Disposition.FEVER_REFERRAL);
            assertThat(disposition(Direction.LEAVING, WUHAN, DAY, "38.0", java.util.EnumSet.noneOf(Symptom.class), false, false, true))
                    .isEqualTo(Disposition.FEVER_REFERRAL);
        }

        @Test
        void turningBackBeatsObservation() {
            assertThat(disposition(Direction.ENTERING, WUHAN, DAY, "36.5", java.util.EnumSet.noneOf(Symptom.class), true, true, true))
                    .isEqualTo(Disposition.TURNED_BACK);
            assertThat(disposition(Direction.ENTERING, YULIN, DAY, "36.5", java.util.EnumSet.noneOf(Symptom.class), false, false, true))
                    .isEqualTo(Disposition.TURNED_BACK);
            assertThat(disposition(Direction.LEAVING, YULIN, DAY, "36.5", java.util.EnumSet.noneOf(Symptom.class), false, false, true))
                    .isEqualTo(Disposition.TURNED_BACK);
        }

        @ParameterizedTest
        @CsvSource({
                "420102, false, false, HOME_OBSERVATION",
                "42,     false, false, HOME_OBSERVATION",
                "610802, true,  false, HOME_OBSERVATION",
                "610802, false, true,  HOME_OBSERVATION",
                "610802, false, false, RELEASED",
        })
        void observationForRiskArrivals(String origin, boolean riskAreaStay, boolean caseContact, Disposition expected) {
            assertThat(disposition(Direction.ENTERING, origin, DAY, "36.5", java.util.EnumSet.noneOf(Symptom.class), riskAreaStay, caseContact,
                    false)).isEqualTo(expected);
        }

        @Test
        void observationOnlyForPeopleEnteringTheCity() {
            assertThat(disposition(Direction.LEAVING, WUHAN, DAY, "36.5", java.util.EnumSet.noneOf(Symptom.class), true, true, false))
                    .isEqualTo(Disposition.RELEASED);
        }
    }

    @Nested
    class RiskAreas {

        final RiskArea shenzhen = new RiskArea(2, "4403", "广东省 深圳市", LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 14));
        final RiskArea hubei = new RiskArea(1, "42", "湖北省", LocalDate.of(2020, 1, 23), null);

        @ParameterizedTest
        @CsvSource({
                "2020-01-31, false",
                "2020-02-01, true",
                "2020-02-07, true",
                "2020-02-14, true",
                "2020-02-15, false",
        })
        void theValidityPeriodIsInclusive(LocalDate day, boolean covered) {
            assertThat(shenzhen.covers("440305", day)).isEqualTo(covered);
            assertThat(shenzhen.activeOn(day)).isEqualTo(covered);
        }

        @Test
        void anOpenEndedAreaNeverEnds() {
            assertThat(hubei.covers(WUHAN, LocalDate.of(2020, 1, 22))).isFalse();
            assertThat(hubei.covers(WUHAN, LocalDate.of(2020, 1, 23))).isTrue();
            assertThat(hubei.covers(WUHAN, LocalDate.of(2099, 12, 31))).isTrue();
        }

        @ParameterizedTest
        @CsvSource({"440305, true", "4403, true", "440300, true", "44, false", "440106, false", "614403, false",
                "4304, false"})
        void theCodeIsMatchedByPrefix(String origin, boolean covered) {
            assertThat(shenzhen.covers(origin, LocalDate.of(2020, 2, 7))).isEqualTo(covered);
        }

        @Test
        void aMissingOriginIsNoRisk() {
            assertThat(hubei.covers(null, DAY)).isFalse();
        }

        @Test
        void anyAreaInForceMakesARiskOrigin() {
            assertThat(RULES.isRiskOrigin("440305", LocalDate.of(2020, 2, 14))).isTrue();
            assertThat(RULES.isRiskOrigin("440305", LocalDate.of(2020, 2, 15))).isFalse();
            assertThat(RULES.isRiskOrigin(WUHAN, LocalDate.of(2020, 2, 15))).isTrue();
            assertThat(RULES.isRiskOrigin(YULIN, DAY)).isFalse();
            assertThat(new ScreeningRules(new BigDecimal("37.3"), List.of()).isRiskOrigin(WUHAN, DAY)).isFalse();
        }

        @Test
        void theDayOfThePassageDecides() {
            assertThat(disposition(Direction.ENTERING, "440305", LocalDate.of(2020, 2, 14), "36.5", java.util.EnumSet.noneOf(Symptom.class),
                    false, false, false)).isEqualTo(Disposition.HOME_OBSERVATION);
            assertThat(disposition(Direction.ENTERING, "440305", LocalDate.of(2020, 2, 15), "36.5", java.util.EnumSet.noneOf(Symptom.class),
                    false, false, false)).isEqualTo(Disposition.RELEASED);
            assertThat(disposition(Direction.ENTERING, "440305", LocalDate.of(2020, 1, 31), "36.5", java.util.EnumSet.noneOf(Symptom.class),
                    false, false, false)).isEqualTo(Disposition.RELEASED);
        }
    }
}
