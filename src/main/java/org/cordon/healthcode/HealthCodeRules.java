package org.cordon.healthcode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import org.cordon.observation.EpisodeReason;
import org.cordon.observation.FollowUpStatus;
import org.springframework.stereotype.Component;

/**
 * The colour rules: every fact the platform knows about a person gives a {@link CodeReason}, each reason a colour
 * (configuration, {@link HealthCodeSettings#colourOf}), and the code takes the most restrictive one; no reason is
 * green. Arrivals count for {@code cordon.health-code.look-back} (14 days) after the day of arrival; observation,
 * isolation, referrals and cases count while they are open, so a person turns green once released.
 */
@Component
class HealthCodeRules {

    /** A place a person came from and the day they arrived (registered arrival, checkpoint entry, declared stay). */
    record Origin(String code, LocalDate arrivedOn) {
    }

    /** The colour and the reasons behind it, most restrictive first. */
    record Assessment(CodeColor color, List<CodeReason> reasons) {
    }

    private final HealthCodeSettings settings;

    HealthCodeRules(HealthCodeSettings settings) {
        this.settings = settings;
    }

    /**
     * @param riskOrigin whether a division code lay in a risk area on a day (the checkpoint's screening rules)
     */
    Assessment assess(FollowUpStatus followUp, List<Origin> origins, LocalDate today, BiPredicate<String, LocalDate> riskOrigin) {
        Set<CodeReason> reasons = new LinkedHashSet<>();
        if (followUp.confirmedCase()) {
            reasons.add(CodeReason.CONFIRMED_CASE);
        }
        if (followUp.inIsolation()) {
            reasons.add(CodeReason.IN_ISOLATION);
        }
        if (followUp.openReferral()) {
            reasons.add(CodeReason.OPEN_REFERRAL);
        }
        for (EpisodeReason r : followUp.openEpisodes()) {
            reasons.add(switch (r) {
                case CLOSE_CONTACT -> CodeReason.CLOSE_CONTACT;
                case RISK_ARRIVAL -> CodeReason.RISK_AREA_ARRIVAL;
                case OTHER -> CodeReason.UNDER_OBSERVATION;
            });
        }
        for (Origin o : origins) {
            if (o.code() == null || o.arrivedOn() == null || o.arrivedOn().isAfter(today)
                    || !o.arrivedOn().plus(settings.lookBack()).isAfter(today)) {
                continue;
            }
            if (riskOrigin.test(o.code(), o.arrivedOn())) {
                reasons.add(CodeReason.RISK_AREA_ARRIVAL);
            } else if (abroad(o.code())) {
                reasons.add(CodeReason.ARRIVAL_FROM_ABROAD);
            } else if (!o.code().startsWith(settings.homeProvince())) {
                reasons.add(CodeReason.OTHER_PROVINCE_ARRIVAL);
            }
        }
        CodeColor color = CodeColor.GREEN;
        for (CodeReason r : reasons) {
            color = color.worse(settings.colourOf(r));
        }
        List<CodeReason> ordered = new ArrayList<>(reasons);
        ordered.sort((a, b) -> settings.colourOf(b).compareTo(settings.colourOf(a)));
        return new Assessment(color, List.copyOf(ordered));
    }

    /** Abroad (ISO:XX), Taiwan (71), Hong Kong (81), Macao (82). */
    static boolean abroad(String code) {
        return code.startsWith("ISO:") || code.startsWith("71") || code.startsWith("81") || code.startsWith("82");
    }
}
