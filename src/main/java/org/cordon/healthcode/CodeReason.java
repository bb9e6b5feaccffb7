package org.cordon.healthcode;

/**
 * Why a code has its colour: one fact the platform knows about the person. Each reason's colour is configuration
 * ({@code cordon.health-code.colours.*}); a person without any reason is green. The public sees only the colour and
 * what to do next; staff see the reasons.
 */
public enum CodeReason {
    /** A confirmed case (确诊病例). */
    CONFIRMED_CASE(CodeColor.RED),
    /** In isolation as a suspected case (疑似病例隔离中). */
    IN_ISOLATION(CodeColor.RED),
    /** A fever referral (from a checkpoint, a check or the person's own declaration) without the clinic's outcome yet. */
    OPEN_REFERRAL(CodeColor.RED),
    /** Under observation as a close contact of a case. */
    CLOSE_CONTACT(CodeColor.RED),
    /** Under observation after an arrival from a risk (key) area, or arrived or stayed there in the last 14 days. */
    RISK_AREA_ARRIVAL(CodeColor.RED),
    /** Arrived from abroad, Hong Kong, Macao or Taiwan in the last 14 days. */
    ARRIVAL_FROM_ABROAD(CodeColor.RED),
    /** Arrived from or stayed in another province (not a risk area) in the last 14 days. */
    OTHER_PROVINCE_ARRIVAL(CodeColor.YELLOW),
    /** Under medical observation for another reason. */
    UNDER_OBSERVATION(CodeColor.YELLOW);

    private final CodeColor defaultColor;

    CodeReason(CodeColor defaultColor) {
        this.defaultColor = defaultColor;
    }

    /** The colour of the Shaanxi rules of 2020, used when the configuration names none. */
    public CodeColor defaultColor() {
        return defaultColor;
    }
}
