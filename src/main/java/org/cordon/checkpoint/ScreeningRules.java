package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The screening rules in force: fever threshold and risk areas. Configuration kept in the
 * database and edited by the commander or an administrator, not constants.
 */
public record ScreeningRules(BigDecimal feverThreshold, List<RiskArea> riskAreas) {

    /** True when the origin lies in a risk area valid on that day. */
    public boolean isRiskOrigin(String originCode, LocalDate day) {
        return riskAreas.stream().anyMatch(r -> r.covers(originCode, day));
    }

    /**
     * The disposition of one occupant. Precedence: a fever always means referral (even when the
     * officer wanted to turn the person back); then the officer's choice to turn back; then
     * observation for risk arrivals (entering only); otherwise released.
     */
    public Disposition dispositionOf(Direction direction, String originCode, LocalDate day, BigDecimal temperature,
                                     Set<Symptom> symptoms, boolean riskAreaStay, boolean caseContact, boolean turnedBack) {
        if (temperature.compareTo(feverThreshold) >= 0 || symptoms.contains(Symptom.FEVER)) {
            return Disposition.FEVER_REFERRAL;
        }
        if (turnedBack) {
            return Disposition.TURNED_BACK;
        }
        if (riskArrival(direction, originCode, day, riskAreaStay, caseContact)) {
            return Disposition.HOME_OBSERVATION;
        }
        return Disposition.RELEASED;
    }

    /**
     * The disposition with a scanned health code's colour ({@code null} when none): a red code sends the person to
     * the fever clinic like a fever (the clinic decides on centralised observation); a yellow one, entering, to home
     * observation; a green one changes nothing.
     */
    public Disposition dispositionOf(Direction direction, String originCode, LocalDate day, BigDecimal temperature,
                                     Set<Symptom> symptoms, boolean riskAreaStay, boolean caseContact, boolean turnedBack,
                                     String healthCodeColor) {
        Disposition d = dispositionOf(direction, originCode, day, temperature, symptoms, riskAreaStay, caseContact, turnedBack);
        if ("RED".equals(healthCodeColor) && d != Disposition.FEVER_REFERRAL) {
            return Disposition.FEVER_REFERRAL;
        }
        if ("YELLOW".equals(healthCodeColor) && d == Disposition.RELEASED && direction == Direction.ENTERING) {
            return Disposition.HOME_OBSERVATION;
        }
        return d;
    }

    /**
     * Whether an occupant is a risk arrival — entering from a risk area, after a stay there or after contact with a
     * case — whom 14 days of observation await: also when a fever sends them to the clinic first.
     */
    public boolean riskArrival(Direction direction, String originCode, LocalDate day, boolean riskAreaStay, boolean caseContact) {
        return direction == Direction.ENTERING && (riskAreaStay || caseContact || isRiskOrigin(originCode, day));
    }
}
